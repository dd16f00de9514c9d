/**
 * Expected failures are values, not exceptions that leak: each carries a stable machine-readable
 * `code` and a message written for the person who made the request. The GraphQL layer exposes them
 * as members of each mutation's result union; anything else is unexpected and stays masked.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
}

/** The input is malformed or breaks a rule; `field` names the input field at fault when there is one. */
export class ValidationError extends DomainError {
  readonly code = "VALIDATION";
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "ValidationError";
  }
}

/** The thing does not exist, or the caller may not know that it exists (no existence leaks). */
export class NotFoundError extends DomainError {
  readonly code = "NOT_FOUND";
  constructor(message = "Not found.") {
    super(message);
    this.name = "NotFoundError";
  }
}

/** The caller is known but lacks the role or the scope for this operation. */
export class ForbiddenError extends DomainError {
  readonly code = "FORBIDDEN";
  constructor(message = "You are not allowed to do this.") {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** The operation conflicts with the current state (e.g. renewing a revoked key). */
export class ConflictError extends DomainError {
  readonly code = "CONFLICT";
  constructor(message: string) {
    super(message);
    this.name = "ConflictError";
  }
}

/** Credentials were missing or wrong. */
export class UnauthenticatedError extends DomainError {
  readonly code = "UNAUTHENTICATED";
  constructor(message = "Sign in or send an API key.") {
    super(message);
    this.name = "UnauthenticatedError";
  }
}
