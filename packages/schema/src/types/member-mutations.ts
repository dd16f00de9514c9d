import {
  acceptInvitation,
  decodeTargetId,
  encodeId,
  type IssuedInvitation,
  inviteMember,
  leaveOrganization,
  removeMember,
  resendInvitation,
  revokeInvitation,
  updateMemberRole,
} from "@tessera/core";
import type { Invitation, Membership } from "@tessera/db";
import { builder } from "../builder.ts";
import { mutationErrors } from "../errors.ts";
import { InvitationRef } from "./invitation.ts";
import { MemberRef, MemberRoleEnum } from "./organization.ts";

const organizationId = (id: string | number) => decodeTargetId(String(id), "Organization", "Organization not found.");
const userId = (id: string | number) => decodeTargetId(String(id), "User", "Member not found.");
const invitationId = (id: string | number) => decodeTargetId(String(id), "Invitation", "Invitation not found.");

const errors = (name: string, description: string) => ({ types: mutationErrors, union: { name, description } });

const IssuedInvitationPayload = (name: string, description: string) =>
  builder.objectRef<IssuedInvitation>(name).implement({
    description,
    fields: (t) => ({
      invitation: t.field({ type: InvitationRef, description: "The invitation.", resolve: (p) => p.invitation }),
      link: t.exposeString("link", {
        nullable: true,
        description:
          "The invitation link, returned this once when Tessera sends no email (no SMTP_URL): pass it on yourself. Null when it was emailed.",
      }),
    }),
  });

const InviteMemberInput = builder.inputType("InviteMemberInput", {
  description: "Whom to invite, and with which role.",
  fields: (t) => ({
    organizationId: t.id({ required: true, description: "The organization to join." }),
    email: t.string({ required: true, description: "The person's email address." }),
    role: t.field({
      type: MemberRoleEnum,
      required: true,
      description: "Their role on joining (OWNER only from an owner).",
    }),
  }),
});

const AcceptInvitationInput = builder.inputType("AcceptInvitationInput", {
  description:
    "The token from the invitation link. Signed in as the invited email: the token alone. Otherwise a name and a password create the account.",
  fields: (t) => ({
    token: t.string({ required: true, description: "The token from the link `/invitations/<token>`." }),
    name: t.string({ description: "Your name (new account only): 1 to 100 characters." }),
    password: t.string({
      description: "Your password (new account only): 12 to 256 characters, not a common one, not your email.",
    }),
  }),
});

const InvitationIdInput = (name: string, description: string) =>
  builder.inputType(name, {
    description,
    fields: (t) => ({ id: t.id({ required: true, description: "The invitation." }) }),
  });

const UpdateMemberRoleInput = builder.inputType("UpdateMemberRoleInput", {
  description: "A member's new role.",
  fields: (t) => ({
    organizationId: t.id({ required: true, description: "The organization." }),
    userId: t.id({ required: true, description: "The member (a User id)." }),
    role: t.field({ type: MemberRoleEnum, required: true, description: "The new role." }),
  }),
});

const RemoveMemberInput = builder.inputType("RemoveMemberInput", {
  description: "The member to remove.",
  fields: (t) => ({
    organizationId: t.id({ required: true, description: "The organization." }),
    userId: t.id({ required: true, description: "The member (a User id)." }),
  }),
});

const LeaveOrganizationInput = builder.inputType("LeaveOrganizationInput", {
  description: "The organization to leave.",
  fields: (t) => ({ organizationId: t.id({ required: true, description: "The organization." }) }),
});

const AcceptInvitationPayload = builder
  .objectRef<{ organizationId: string; organizationSlug: string; expiresAt: Date | null }>("AcceptInvitationPayload")
  .implement({
    description: "You joined the organization; a new account is signed in (the session cookie is set).",
    fields: (t) => ({
      organizationId: t.id({
        description: "The organization joined.",
        resolve: (p) => encodeId("Organization", p.organizationId),
      }),
      organizationSlug: t.exposeString("organizationSlug", { description: "Its slug, for the console's address." }),
      sessionExpiresAt: t.expose("expiresAt", {
        type: "DateTime",
        nullable: true,
        description: "When the new session ends; null when you were already signed in.",
      }),
    }),
  });

const InvitationPayload = builder.objectRef<{ invitation: Invitation }>("RevokeInvitationPayload").implement({
  description: "The invitation was revoked; its link no longer works.",
  fields: (t) => ({
    invitation: t.field({ type: InvitationRef, description: "The invitation.", resolve: (p) => p.invitation }),
  }),
});

const UpdateMemberRolePayload = builder.objectRef<{ member: Membership }>("UpdateMemberRolePayload").implement({
  description: "The member's role changed.",
  fields: (t) => ({
    member: t.field({ type: MemberRef, description: "The member with the new role.", resolve: (p) => p.member }),
  }),
});

const RemoveMemberPayload = builder.objectRef<{ userId: string }>("RemoveMemberPayload").implement({
  description: "The member was removed; they lose access with their next request.",
  fields: (t) => ({
    removedUserId: t.id({ description: "The removed user.", resolve: (p) => encodeId("User", p.userId) }),
  }),
});

const LeaveOrganizationPayload = builder.objectRef<{ organizationId: string }>("LeaveOrganizationPayload").implement({
  description: "You left the organization.",
  fields: (t) => ({
    organizationId: t.id({
      description: "The organization left.",
      resolve: (p) => encodeId("Organization", p.organizationId),
    }),
  }),
});

builder.mutationFields((t) => ({
  inviteMember: t.field({
    type: IssuedInvitationPayload("InviteMemberPayload", "The invitation was created (and emailed when SMTP is set)."),
    description:
      "Invites someone by email with a role; the link works once, for 7 days. OWNER or ADMIN signed in (only an OWNER invites an OWNER); API keys cannot. Audited as `member.invited`.",
    errors: errors("InviteMemberResult", "The invitation, or why none was sent."),
    args: { input: t.arg({ type: InviteMemberInput, required: true, description: "Whom and which role." }) },
    resolve: (_root, { input }, ctx) =>
      inviteMember(ctx, { organizationId: organizationId(input.organizationId), email: input.email, role: input.role }),
  }),
  acceptInvitation: t.field({
    type: AcceptInvitationPayload,
    description:
      "Accepts an invitation: as the signed-in invited user, or as a new user (name and password), who is then signed in. Works once. Audited as `member.joined`.",
    errors: errors("AcceptInvitationResult", "The organization joined, or why not."),
    args: {
      input: t.arg({
        type: AcceptInvitationInput,
        required: true,
        description: "The token, and a new account's details.",
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const accepted = await acceptInvitation(ctx, input);
      if (accepted.session) ctx.sessionCookie.set(accepted.session.token, accepted.session.expiresAt);
      const org = await ctx.prisma.organization.findUniqueOrThrow({ where: { id: accepted.organizationId } });
      return { organizationId: org.id, organizationSlug: org.slug, expiresAt: accepted.session?.expiresAt ?? null };
    },
  }),
  resendInvitation: t.field({
    type: IssuedInvitationPayload(
      "ResendInvitationPayload",
      "A new link was issued; the previous one no longer works.",
    ),
    description:
      "Issues a new link for a pending or expired invitation (7 more days) and emails it (or returns it once without SMTP). Audited as `invitation.resent`.",
    errors: errors("ResendInvitationResult", "The invitation with its new link, or why not."),
    args: {
      input: t.arg({
        type: InvitationIdInput("ResendInvitationInput", "The invitation to resend."),
        required: true,
        description: "The invitation.",
      }),
    },
    resolve: (_root, { input }, ctx) => resendInvitation(ctx, { id: invitationId(input.id) }),
  }),
  revokeInvitation: t.field({
    type: InvitationPayload,
    description: "Withdraws a pending or expired invitation; its link stops working. Audited as `invitation.revoked`.",
    errors: errors("RevokeInvitationResult", "The revoked invitation, or why not."),
    args: {
      input: t.arg({
        type: InvitationIdInput("RevokeInvitationInput", "The invitation to revoke."),
        required: true,
        description: "The invitation.",
      }),
    },
    resolve: async (_root, { input }, ctx) => ({
      invitation: await revokeInvitation(ctx, { id: invitationId(input.id) }),
    }),
  }),
  updateMemberRole: t.field({
    type: UpdateMemberRolePayload,
    description:
      "Changes a member's role. OWNER or ADMIN; only an OWNER grants or changes OWNER; an ADMIN cannot change another ADMIN; the last OWNER cannot be demoted. Audited as `member.role_changed`.",
    errors: errors("UpdateMemberRoleResult", "The member with the new role, or why not."),
    args: { input: t.arg({ type: UpdateMemberRoleInput, required: true, description: "The member and role." }) },
    resolve: async (_root, { input }, ctx) => ({
      member: await updateMemberRole(ctx, {
        organizationId: organizationId(input.organizationId),
        userId: userId(input.userId),
        role: input.role,
      }),
    }),
  }),
  removeMember: t.field({
    type: RemoveMemberPayload,
    description:
      "Removes a member (not yourself: see `leaveOrganization`). The same rules as `updateMemberRole`; the last OWNER cannot be removed. Keys they created keep working. Audited as `member.removed`.",
    errors: errors("RemoveMemberResult", "The removed member, or why not."),
    args: { input: t.arg({ type: RemoveMemberInput, required: true, description: "The member." }) },
    resolve: (_root, { input }, ctx) =>
      removeMember(ctx, { organizationId: organizationId(input.organizationId), userId: userId(input.userId) }),
  }),
  leaveOrganization: t.field({
    type: LeaveOrganizationPayload,
    description: "You leave the organization; the last OWNER cannot. Audited as `member.left`.",
    errors: errors("LeaveOrganizationResult", "The organization left, or why not."),
    args: { input: t.arg({ type: LeaveOrganizationInput, required: true, description: "The organization." }) },
    resolve: (_root, { input }, ctx) =>
      leaveOrganization(ctx, { organizationId: organizationId(input.organizationId) }),
  }),
}));
