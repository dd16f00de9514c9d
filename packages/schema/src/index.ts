export type { Context } from "./context.ts";
export { schema } from "./schema.ts";
