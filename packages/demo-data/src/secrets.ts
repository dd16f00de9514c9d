import { generateApiKey } from "@tessera/core";
import { demoRandom } from "./stable-values.ts";

/** Every demo member's password: demo-only, never use it elsewhere. */
export const demoPassword = "tessera-demo";

/** The demo API key secrets (documented in the README as demo-only). */
export const demoKeySecrets = {
  automation: generateApiKey(demoRandom("acme-automation", 32)).secret,
  dashboard: generateApiKey(demoRandom("acme-dashboard", 32)).secret,
};
