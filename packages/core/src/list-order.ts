/**
 * The one order of every organization list (keys, accounts, resources, audit events): newest first,
 * the id breaking ties so cursors stay stable. It matches the (organizationId, createdAt DESC, id)
 * indexes.
 */
export const newestFirst: [{ createdAt: "desc" }, { id: "asc" }] = [{ createdAt: "desc" }, { id: "asc" }];
