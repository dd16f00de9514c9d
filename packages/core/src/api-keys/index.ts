export * from "./create.ts";
export * from "./delete.ts";
export { keyNotFound } from "./key-access.ts";
export * from "./list.ts";
export * from "./naming.ts";
export * from "./renew.ts";
export * from "./revoke.ts";
export * from "./update.ts";
export * from "./validation.ts";
