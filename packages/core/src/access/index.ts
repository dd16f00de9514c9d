export * from "./read-rules.ts";
export * from "./resolver.ts";
