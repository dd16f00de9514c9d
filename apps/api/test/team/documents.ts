import { encodeId } from "@tessera/core";
import { expect } from "vitest";
import { sessionCookieName } from "../../src/cookies.ts";
import type { Client, GraphQLResponse, Harness } from "../support/harness.ts";

const errorFields = "... on Error { code message } ... on ValidationError { field }";

export const completeSetup = `mutation($input: CompleteSetupInput!) {
  completeSetup(input: $input) { __typename ... on CompleteSetupPayload { organizationSlug sessionExpiresAt } ${errorFields} }
}`;
export const createOrganization = `mutation($input: CreateOrganizationInput!) {
  createOrganization(input: $input) {
    __typename
    ... on CreateOrganizationPayload {
      organization { id slug name viewerRole scopes { name management } apiVersions { name } members { role user { email } } }
    }
    ${errorFields}
  }
}`;
export const updateOrganization = `mutation($input: UpdateOrganizationInput!) {
  updateOrganization(input: $input) { __typename ... on UpdateOrganizationPayload { organization { name slug } } ${errorFields} }
}`;
const invitationFields = "id email role status expiresAt invitedBy { email }";
export const inviteMember = `mutation($input: InviteMemberInput!) {
  inviteMember(input: $input) { __typename ... on InviteMemberPayload { link invitation { ${invitationFields} } } ${errorFields} }
}`;
export const resendInvitation = `mutation($input: ResendInvitationInput!) {
  resendInvitation(input: $input) { __typename ... on ResendInvitationPayload { link invitation { ${invitationFields} } } ${errorFields} }
}`;
export const revokeInvitation = `mutation($input: RevokeInvitationInput!) {
  revokeInvitation(input: $input) { __typename ... on RevokeInvitationPayload { invitation { ${invitationFields} } } ${errorFields} }
}`;
export const acceptInvitation = `mutation($input: AcceptInvitationInput!) {
  acceptInvitation(input: $input) {
    __typename ... on AcceptInvitationPayload { organizationId organizationSlug sessionExpiresAt } ${errorFields}
  }
}`;
export const updateMemberRole = `mutation($input: UpdateMemberRoleInput!) {
  updateMemberRole(input: $input) { __typename ... on UpdateMemberRolePayload { member { role user { email } } } ${errorFields} }
}`;
export const removeMember = `mutation($input: RemoveMemberInput!) {
  removeMember(input: $input) { __typename ... on RemoveMemberPayload { removedUserId } ${errorFields} }
}`;
export const leaveOrganization = `mutation($input: LeaveOrganizationInput!) {
  leaveOrganization(input: $input) { __typename ... on LeaveOrganizationPayload { organizationId } ${errorFields} }
}`;
export const requestPasswordReset = `mutation($input: RequestPasswordResetInput!) {
  requestPasswordReset(input: $input) { __typename ... on RequestPasswordResetPayload { answer } ${errorFields} }
}`;
export const resetPassword = `mutation($input: ResetPasswordInput!) {
  resetPassword(input: $input) { __typename ... on ResetPasswordPayload { sessionExpiresAt } ${errorFields} }
}`;
export const invitationsQuery = `query($slug: String!, $status: InvitationStatus) {
  organization(slug: $slug) { invitations(status: $status) { totalCount nodes { ${invitationFields} } } }
}`;
export const membersQuery = `query($slug: String!) {
  organization(slug: $slug) { members { role joinedAt lastActiveAt user { id email } } }
}`;
export const searchMembersQuery = `query($slug: String!, $search: String) {
  organization(slug: $slug) { members(search: $search) { role user { email name } } }
}`;

/** The emails `Organization.members(search)` answers, or the errors' codes when it refuses. */
export async function searchMembers(client: Client, slug: string, search: string | null) {
  const answer = await client.gql(searchMembersQuery, { slug, search });
  if (answer.errors?.length)
    return { errors: answer.errors.map((e) => e.extensions?.code), messages: answer.errors.map((e) => e.message) };
  const members = answer.data?.organization?.members as { user: { email: string } }[] | undefined;
  return { emails: members?.map((m) => m.user.email) ?? null };
}

export const orgId = (id: string) => encodeId("Organization", id);
export const userGid = (id: string) => encodeId("User", id);

/** The mutation's result object (the first field of `data`). */
export function result(response: GraphQLResponse): Record<string, any> {
  expect(response.errors).toBeUndefined();
  return Object.values(response.data ?? {})[0] as Record<string, any>;
}

/** A client carrying the session cookie a response set. */
export function clientFromCookie(h: Harness, response: GraphQLResponse): Client {
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  expect(cookie).toMatch(new RegExp(`^${sessionCookieName}=tss_`));
  return h.client({ cookie });
}

/** The token at the end of an invitation link. */
export function tokenOf(link: string): string {
  return link.split("/invitations/")[1] ?? link.split("token=")[1] ?? "";
}

export const strongPassword = "a quiet meadow of copper kites";

/** Waits for work done after an answer (the password-reset email is queued after the response). */
export async function eventually<T>(read: () => Promise<T | null | undefined | false>, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
