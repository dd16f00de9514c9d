import type { GraphQLSchema } from "graphql";
import { isObjectType } from "graphql";

/**
 * The Prisma plugin adds `totalCount` to connections without a way to describe it, and the
 * contract wants every field described so the schema explorer documents the whole API. Filling the
 * description in on the built schema covers every connection, present and future, in one place.
 */
export function describeTotalCounts(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !type.name.endsWith("Connection")) continue;
    const totalCount = type.getFields().totalCount;
    if (totalCount && !totalCount.description) {
      totalCount.description = "How many items match the filter in all pages, not only this one.";
    }
  }
  return schema;
}
