import { graphql } from "../../lib/graphql.ts";

export const MembersQuery = graphql(`
  query Members($slug: String!, $search: String) {
    organization(slug: $slug) {
      id
      members(search: $search) { role joinedAt lastActiveAt user { id email name } }
    }
  }
`);

export const PendingInvitationsQuery = graphql(`
  query PendingInvitations($slug: String!) {
    organization(slug: $slug) {
      id
      invitations(status: PENDING, first: 100) { nodes { id email role expiresAt invitedBy { email } } }
    }
  }
`);

export const InviteMemberMutation = graphql(`
  mutation InviteMember($input: InviteMemberInput!) {
    inviteMember(input: $input) {
      __typename
      ... on InviteMemberPayload { link invitation { id email } }
      ... on Error { message }
    }
  }
`);

export const ResendInvitationMutation = graphql(`
  mutation ResendInvitation($input: ResendInvitationInput!) {
    resendInvitation(input: $input) {
      __typename
      ... on ResendInvitationPayload { link invitation { id email } }
      ... on Error { message }
    }
  }
`);

export const RevokeInvitationMutation = graphql(`
  mutation RevokeInvitation($input: RevokeInvitationInput!) {
    revokeInvitation(input: $input) {
      __typename
      ... on RevokeInvitationPayload { invitation { id } }
      ... on Error { message }
    }
  }
`);

export const UpdateMemberRoleMutation = graphql(`
  mutation UpdateMemberRole($input: UpdateMemberRoleInput!) {
    updateMemberRole(input: $input) {
      __typename
      ... on UpdateMemberRolePayload { member { role } }
      ... on Error { message }
    }
  }
`);

export const RemoveMemberMutation = graphql(`
  mutation RemoveMember($input: RemoveMemberInput!) {
    removeMember(input: $input) {
      __typename
      ... on RemoveMemberPayload { removedUserId }
      ... on Error { message }
    }
  }
`);

/** Members whose email or name contains the text (every member while it is blank, at most 100): pickers. */
export const MemberSearchQuery = graphql(`
  query MemberSearch($slug: String!, $search: String) {
    organization(slug: $slug) {
      id
      members(search: $search) { role user { id email name } }
    }
  }
`);
