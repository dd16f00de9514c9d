import { graphql } from "../../lib/graphql.ts";

export const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      user { id email name }
      organizations { id slug name viewerRole }
    }
  }
`);

export const SignInMutation = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on SignInPayload { user { id email } }
      ... on Error { message }
    }
  }
`);

export const SignOutMutation = graphql(`
  mutation SignOut { signOut }
`);
