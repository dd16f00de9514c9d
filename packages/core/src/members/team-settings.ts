import type { OperationContext } from "../operation-context.ts";
import type { MemberContext } from "./context.ts";

/** Who may create organizations (`TESSERA_ORGANIZATION_CREATION`). */
export type OrganizationCreation = "members" | "owners" | "closed";

export const organizationCreationValues: readonly OrganizationCreation[] = ["members", "owners", "closed"];

/** The server settings that invitations, password resets and organization creation depend on. */
export type TeamSettings = {
  /** The console's public address, for the links in emails (`TESSERA_PUBLIC_URL`). */
  publicUrl: string;
  /** True when SMTP_URL is set: links are emailed; otherwise an invitation link is shown once. */
  emailEnabled: boolean;
  organizationCreation: OrganizationCreation;
};

export const defaultTeamSettings: TeamSettings = {
  publicUrl: "http://localhost:4000",
  emailEnabled: false,
  organizationCreation: "members",
};

/** What the team operations need: a member operation's context, the access resolver and the settings. */
export type TeamContext = MemberContext & Pick<OperationContext, "access"> & { team: TeamSettings };

/** `<publicUrl>/<path>` without a doubled slash. */
export function publicLink(settings: Pick<TeamSettings, "publicUrl">, path: string): string {
  return `${settings.publicUrl.replace(/\/+$/, "")}${path}`;
}
