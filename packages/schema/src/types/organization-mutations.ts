import { completeSetup, createOrganizationAsMember, decodeTargetId, updateOrganization } from "@tessera/core";
import type { Organization } from "@tessera/db";
import { builder } from "../builder.ts";
import { mutationErrors } from "../errors.ts";
import { OrganizationRef } from "./organization.ts";

const OrganizationPayload = (name: string, description: string) =>
  builder.objectRef<{ organization: Organization }>(name).implement({
    description,
    fields: (t) => ({
      organization: t.field({
        type: OrganizationRef,
        description: "The organization.",
        resolve: (p) => p.organization,
      }),
    }),
  });

const CreateOrganizationInput = builder.inputType("CreateOrganizationInput", {
  description: "A new organization; you become its OWNER.",
  fields: (t) => ({
    name: t.string({ required: true, description: "Display name: 1 to 100 characters." }),
    slug: t.string({
      required: true,
      description: "Unique short name for URLs: 3 to 40 lower-case letters, digits and hyphens.",
    }),
  }),
});

const UpdateOrganizationInput = builder.inputType("UpdateOrganizationInput", {
  description: "A new name for an organization (the slug stays).",
  fields: (t) => ({
    organizationId: t.id({ required: true, description: "The organization." }),
    name: t.string({ required: true, description: "Display name: 1 to 100 characters." }),
  }),
});

const CompleteSetupInput = builder.inputType("CompleteSetupInput", {
  description: "The first owner and their organization, with the token from the setup link in the server log.",
  fields: (t) => ({
    token: t.string({ required: true, description: "The token from the setup link (`/setup?token=…`)." }),
    email: t.string({ required: true, description: "Your email address: you sign in with it." }),
    name: t.string({ required: true, description: "Your name: 1 to 100 characters." }),
    password: t.string({
      required: true,
      description: "12 to 256 characters, not a common password, not your email address.",
    }),
    organizationName: t.string({ required: true, description: "Your organization's name." }),
    organizationSlug: t.string({
      required: true,
      description: "Its slug: 3 to 40 lower-case letters, digits, hyphens.",
    }),
  }),
});

const CompleteSetupPayload = builder
  .objectRef<{ organizationSlug: string; expiresAt: Date }>("CompleteSetupPayload")
  .implement({
    description: "Tessera has its first owner, who is signed in (the session cookie is set).",
    fields: (t) => ({
      organizationSlug: t.exposeString("organizationSlug", { description: "The new organization's slug." }),
      sessionExpiresAt: t.expose("expiresAt", { type: "DateTime", description: "When the session ends." }),
    }),
  });

builder.mutationFields((t) => ({
  createOrganization: t.field({
    type: OrganizationPayload("CreateOrganizationPayload", "The organization was created, with you as OWNER."),
    description:
      "Creates an organization with you as OWNER, the management scopes, one API version `v1` and an empty data catalogue. Who may is set by TESSERA_ORGANIZATION_CREATION (members, owners or closed); API keys cannot. Audited as `organization.created`.",
    errors: {
      types: mutationErrors,
      union: { name: "CreateOrganizationResult", description: "The new organization, or why none was created." },
    },
    args: { input: t.arg({ type: CreateOrganizationInput, required: true, description: "Name and slug." }) },
    resolve: async (_root, { input }, ctx) => ({ organization: await createOrganizationAsMember(ctx, input) }),
  }),
  updateOrganization: t.field({
    type: OrganizationPayload("UpdateOrganizationPayload", "The organization was renamed."),
    description: "Renames an organization. OWNER or ADMIN signed in. Audited as `organization.updated`.",
    errors: {
      types: mutationErrors,
      union: { name: "UpdateOrganizationResult", description: "The renamed organization, or why not." },
    },
    args: { input: t.arg({ type: UpdateOrganizationInput, required: true, description: "The new name." }) },
    resolve: async (_root, { input }, ctx) => ({
      organization: await updateOrganization(ctx, {
        organizationId: decodeTargetId(String(input.organizationId), "Organization", "Organization not found."),
        name: input.name,
      }),
    }),
  }),
  completeSetup: t.field({
    type: CompleteSetupPayload,
    description:
      "First run only: creates the first user, their organization and their OWNER membership, and signs them in. Needs the token of the setup link the server logs while no user exists; refused once one does.",
    errors: {
      types: mutationErrors,
      union: { name: "CompleteSetupResult", description: "The new owner's session, or why setup was refused." },
    },
    args: { input: t.arg({ type: CompleteSetupInput, required: true, description: "Owner and organization." }) },
    resolve: async (_root, { input }, ctx) => {
      const session = await completeSetup(ctx, input);
      ctx.sessionCookie.set(session.token, session.expiresAt);
      return { organizationSlug: input.organizationSlug.trim(), expiresAt: session.expiresAt };
    },
  }),
}));
