import { graphql } from "../../lib/graphql.ts";

export const CompleteSetupMutation = graphql(`
  mutation CompleteSetup($input: CompleteSetupInput!) {
    completeSetup(input: $input) {
      __typename
      ... on CompleteSetupPayload { organizationSlug }
      ... on Error { message }
    }
  }
`);

export const InvitationByTokenQuery = graphql(`
  query InvitationByToken($token: String!) {
    invitationByToken(token: $token) { email role organizationName organizationSlug status expiresAt }
  }
`);

export const AcceptInvitationMutation = graphql(`
  mutation AcceptInvitation($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) {
      __typename
      ... on AcceptInvitationPayload { organizationSlug }
      ... on Error { message }
    }
  }
`);

export const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {
    requestPasswordReset(input: $input) {
      __typename
      ... on RequestPasswordResetPayload { answer }
      ... on Error { message }
    }
  }
`);

export const ResetPasswordMutation = graphql(`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input) {
      __typename
      ... on ResetPasswordPayload { sessionExpiresAt }
      ... on Error { message }
    }
  }
`);
