export * from "./access.ts";
export * from "./create.ts";
export * from "./filter.ts";
export * from "./parent.ts";
