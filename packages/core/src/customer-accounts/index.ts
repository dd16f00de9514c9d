export * from "./account-token.ts";
export * from "./create.ts";
export * from "./filter.ts";
export * from "./lookup.ts";
export * from "./rotate-token.ts";
export * from "./status.ts";
export * from "./update.ts";
