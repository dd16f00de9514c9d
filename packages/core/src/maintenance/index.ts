export * from "./retention.ts";
export * from "./usage-rollup.ts";
