import type { CustomerAccountStatus } from "@tessera/db";
import { ConflictError } from "../errors.ts";

/**
 * ACTIVE and SUSPENDED may turn into each other or into CLOSED; CLOSED is final, because closing an
 * account is how a partner promises its customer that the token will never work again.
 */
export function assertStatusChange(from: CustomerAccountStatus, to: CustomerAccountStatus): void {
  if (from === "CLOSED" && to !== "CLOSED") {
    throw new ConflictError(`This customer account is closed and cannot be made ${to}: create a new account instead.`);
  }
}
