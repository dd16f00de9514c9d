export type { Context } from "./context.ts";
export { isCarrierType, readGuards } from "./read-guard.ts";
export { schema } from "./schema.ts";
