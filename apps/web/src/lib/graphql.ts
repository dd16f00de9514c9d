import { initGraphQLTada } from "gql.tada";
import type { introspection } from "./graphql-env.d.ts";

/**
 * Typed GraphQL documents: the types come from the committed schema.graphql (via
 * `gql-tada generate output`), so a schema change that breaks a document fails `pnpm typecheck`.
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { DateTime: string; JSON: unknown; ID: string };
}>();

export type { ResultOf, VariablesOf } from "gql.tada";
export { readFragment } from "gql.tada";
