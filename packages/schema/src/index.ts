export type { Context } from "./context.ts";
export { isCarrierType, readGuards, unguardedFields } from "./read-guard.ts";
export { schema } from "./schema.ts";
