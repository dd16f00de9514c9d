export { demoOrganizationSlug, neighbourOrganizationSlug } from "./organizations.ts";
export { demoKeySecrets, demoPassword } from "./secrets.ts";
export { SeedRefusedError, seedDemoData } from "./seed.ts";
