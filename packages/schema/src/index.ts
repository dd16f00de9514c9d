export type { Context } from "./context.ts";
export { schema } from "./schema.ts";
export {
  toVerifyApiKeyInput,
  toVerifyApiKeyResponse,
  type VerifyApiKeyRequest,
  type VerifyApiKeyResponse,
} from "./verification-response.ts";
