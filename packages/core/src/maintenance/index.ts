export * from "./retention.ts";
export * from "./usage-rollup.ts";
export * from "./usage-window-slide.ts";
