import {
  ConflictError,
  type DomainError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from "@tessera/core";
import { builder } from "./builder.ts";

/** Every expected failure implements this interface, so clients can always ask `... on Error`. */
export const ErrorInterface = builder.interfaceRef<DomainError>("Error").implement({
  description: "An expected failure: the operation changed nothing. Specific error types add details.",
  fields: (t) => ({
    message: t.exposeString("message", { description: "What went wrong, written for a person." }),
    code: t.exposeString("code", {
      description: "Machine-readable: VALIDATION, NOT_FOUND, FORBIDDEN, CONFLICT, UNAUTHENTICATED or THROTTLED.",
    }),
  }),
});

builder.objectType(ValidationError, {
  name: "ValidationError",
  description: "The input is malformed or breaks a rule.",
  interfaces: [ErrorInterface],
  fields: (t) => ({
    field: t.exposeString("field", {
      nullable: true,
      description: "The input field at fault, when there is one (e.g. `origins`).",
    }),
  }),
});

builder.objectType(NotFoundError, {
  name: "NotFoundError",
  description: "Nothing with that id exists that you may see.",
  interfaces: [ErrorInterface],
});

builder.objectType(ForbiddenError, {
  name: "ForbiddenError",
  description: "You may see this, but your role or your key's scopes do not allow the change.",
  interfaces: [ErrorInterface],
});

builder.objectType(ConflictError, {
  name: "ConflictError",
  description: "The change conflicts with the current state (e.g. renewing a revoked key).",
  interfaces: [ErrorInterface],
});

builder.objectType(UnauthenticatedError, {
  name: "UnauthenticatedError",
  description: "Credentials were missing or wrong.",
  interfaces: [ErrorInterface],
});

/**
 * The error members of a mutation's result union, in the order clients usually handle them.
 * UnauthenticatedError answers anonymous callers, who are told to sign in rather than that ids are unknown.
 */
export const mutationErrors = [ValidationError, NotFoundError, ForbiddenError, ConflictError, UnauthenticatedError];
