import { invitationStatus, invitationStatusWhere, previewInvitation } from "@tessera/core";
import { builder } from "../builder.ts";
import { organizationList } from "../organization-list.ts";
import { totalCountField } from "../pagination.ts";
import { MemberRoleEnum, OrganizationRef } from "./organization.ts";

export const InvitationStatusEnum = builder.enumType("InvitationStatus", {
  description: "What became of an invitation.",
  values: {
    PENDING: { description: "Sent, not yet accepted; the link works until `expiresAt`." },
    ACCEPTED: { description: "Accepted: the person is a member (or was, if removed since)." },
    REVOKED: { description: "Withdrawn by an owner or admin; the link no longer works." },
    EXPIRED: { description: "Not accepted within 7 days; `resendInvitation` sends a new link." },
  } as const,
});

export const InvitationRef = builder.prismaNode("Invitation", {
  id: { field: "id" },
  description:
    "An invitation to join an organization with a role. Its link carries a single-use token that Tessera keeps only as a hash. Readable by OWNER and ADMIN members only.",
  fields: (t) => ({
    email: t.exposeString("email", { description: "Who is invited (lower case)." }),
    role: t.expose("role", { type: MemberRoleEnum, description: "The role the person gets on accepting." }),
    status: t.field({
      type: InvitationStatusEnum,
      description: "PENDING, ACCEPTED, REVOKED or EXPIRED.",
      resolve: (invitation, _args, ctx) => invitationStatus(invitation, ctx.clock.now()),
    }),
    invitedBy: t.relation("invitedBy", { nullable: true, description: "Who sent it; null when that user is gone." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was sent." }),
    expiresAt: t.expose("expiresAt", {
      type: "DateTime",
      description: "When the link stops working (7 days after it was sent or resent).",
    }),
    acceptedAt: t.expose("acceptedAt", { type: "DateTime", nullable: true, description: "When it was accepted." }),
    revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true, description: "When it was revoked." }),
  }),
});

builder.prismaObjectField(OrganizationRef, "invitations", (t) =>
  t.prismaConnection(
    {
      type: InvitationRef,
      cursor: "id",
      description:
        "The organization's invitations, newest first, optionally of one status. `first` is 1..100 (default 50). OWNER and ADMIN only; anyone else (keys included) gets a FORBIDDEN error.",
      args: { status: t.arg({ type: InvitationStatusEnum, description: "Only invitations with this status." }) },
      ...organizationList({
        rule: "invitations",
        rows: (ctx) => ctx.prisma.invitation,
        where: (organizationId, args: { status?: "PENDING" | "ACCEPTED" | "REVOKED" | "EXPIRED" | null }, ctx) => ({
          organizationId,
          ...(args.status ? invitationStatusWhere(args.status, ctx.clock.now()) : {}),
        }),
      }),
    },
    {
      name: "InvitationConnection",
      description: "A page of invitations, with the total number.",
      fields: (t) => ({ totalCount: totalCountField(t, "How many invitations match, on all pages.") }),
    },
    { name: "InvitationEdge", description: "An invitation in a page, with its cursor." },
  ),
);

type Preview = NonNullable<Awaited<ReturnType<typeof previewInvitation>>>;

const InvitationPreviewRef = builder.objectRef<Preview>("InvitationPreview").implement({
  description: "What an invitation link offers, shown to whoever holds the link before they accept it.",
  fields: (t) => ({
    email: t.exposeString("email", { description: "The invited email address." }),
    role: t.expose("role", { type: MemberRoleEnum, description: "The role on accepting." }),
    organizationName: t.exposeString("organizationName", { description: "The organization to join." }),
    organizationSlug: t.exposeString("organizationSlug", { description: "Its slug." }),
    status: t.expose("status", { type: InvitationStatusEnum, description: "Only PENDING can be accepted." }),
    expiresAt: t.expose("expiresAt", { type: "DateTime", description: "When the link stops working." }),
  }),
});

builder.queryField("invitationByToken", (t) =>
  t.field({
    type: InvitationPreviewRef,
    nullable: true,
    description:
      "The invitation a link's token belongs to (needs no sign-in: the token is the proof); null for an unknown token.",
    args: { token: t.arg.string({ required: true, description: "The token from the invitation link." }) },
    resolve: (_root, { token }, ctx) => previewInvitation(ctx, token),
  }),
);
