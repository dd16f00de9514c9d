export type { Context } from "./context.ts";
export { isCarrierType, readGuards, unguardedFields } from "./read-guard.ts";
export { schema } from "./schema.ts";
export {
  toVerifyApiKeyInput,
  toVerifyApiKeyResponse,
  type VerifyApiKeyRequest,
  type VerifyApiKeyResponse,
} from "./verification-response.ts";
