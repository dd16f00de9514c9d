export * from "./access/index.ts";
export * from "./api-key-secret.ts";
export * from "./api-key-status.ts";
export * from "./api-keys/index.ts";
export * from "./audit.ts";
export * from "./audit-actions.ts";
export * from "./audit-changes.ts";
export * from "./clock.ts";
export * from "./customer-accounts/index.ts";
export * from "./errors.ts";
// Ids both doors share (plain base64 global ids) and the verify request/answer mapping: here, not in
// the GraphQL package, so the REST door does not depend on it.
export * from "./ids.ts";
export * from "./key-authentication.ts";
export * from "./list-order.ts";
export * from "./maintenance/index.ts";
export * from "./members/index.ts";
export * from "./names.ts";
export * from "./notifications/index.ts";
export * from "./operation-context.ts";
export * from "./organizations.ts";
export * from "./resources/index.ts";
export * from "./roles.ts";
export * from "./secrets.ts";
export * from "./verification/answer.ts";
export * from "./verification/index.ts";
export * from "./viewer.ts";
export * from "./webhooks/index.ts";
