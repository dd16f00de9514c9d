export * from "./deliver.ts";
export * from "./expiry-email.ts";
export * from "./expiry-pass.ts";
export * from "./milestones.ts";
export * from "./outbox.ts";
