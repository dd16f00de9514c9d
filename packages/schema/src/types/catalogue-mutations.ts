import {
  createApiVersion,
  createScope,
  decodeTargetId,
  deprecateApiVersion,
  restoreScope,
  retireScope,
  setDefaultApiVersion,
  updateScope,
} from "@tessera/core";
import type { ApiVersion, Scope } from "@tessera/db";
import { builder } from "../builder.ts";
import { mutationErrors } from "../errors.ts";
import { ApiVersionRef } from "./api-version.ts";
import { ScopeRef } from "./scope.ts";

const scopeId = (id: string | number) => decodeTargetId(String(id), "Scope", "Scope not found.");
const versionId = (id: string | number) => decodeTargetId(String(id), "ApiVersion", "API version not found.");
const organizationId = (id: string | number) => decodeTargetId(String(id), "Organization", "Organization not found.");
const who = "OWNER and ADMIN members only; API keys cannot change the catalogue, whatever their scopes.";

const CreateScopeInput = builder.inputType("CreateScopeInput", {
  description: "A new data scope for the organization's catalogue.",
  fields: (t) => ({
    organizationId: t.id({ required: true, description: "The organization (an Organization id)." }),
    name: t.string({
      required: true,
      description:
        "`resource:action` in lower case (`^[a-z][a-z0-9_-]*:[a-z][a-z0-9_-]*$`), at most 64 characters. Names whose resource part is keys, accounts, resources, members or webhooks are reserved.",
    }),
    description: t.string({ required: true, description: "What the scope allows, 1 to 300 characters." }),
  }),
});

const UpdateScopeInput = builder.inputType("UpdateScopeInput", {
  description: "A data scope's new description (its name never changes).",
  fields: (t) => ({
    id: t.id({ required: true, description: "The scope (a Scope id)." }),
    description: t.string({ required: true, description: "What the scope allows, 1 to 300 characters." }),
  }),
});

const ScopeIdInput = (name: string, description: string) =>
  builder.inputType(name, {
    description,
    fields: (t) => ({ id: t.id({ required: true, description: "The data scope (a Scope id)." }) }),
  });

const CreateApiVersionInput = builder.inputType("CreateApiVersionInput", {
  description: "A new API version, released now.",
  fields: (t) => ({
    organizationId: t.id({ required: true, description: "The organization (an Organization id)." }),
    name: t.string({
      required: true,
      description: "e.g. `v3` or `2026-06-01`: letters, digits, `.`, `-`, `_`, at most 32 characters.",
    }),
    description: t.string({ description: "Notes about the version, at most 300 characters." }),
  }),
});

const DeprecateApiVersionInput = builder.inputType("DeprecateApiVersionInput", {
  description: "The version to deprecate and the sunset to announce.",
  fields: (t) => ({
    id: t.id({ required: true, description: "The version (an ApiVersion id); not the default version." }),
    sunsetAt: t.field({
      type: "DateTime",
      required: true,
      description:
        "When the partner stops serving it: today (any time, UTC) or later. Deprecating again moves the sunset.",
    }),
  }),
});

const SetDefaultApiVersionInput = builder.inputType("SetDefaultApiVersionInput", {
  description: "The version new keys get from now on when none is chosen.",
  fields: (t) => ({ id: t.id({ required: true, description: "A current (not deprecated) version." }) }),
});

/** A payload carrying the scope as the mutation left it. */
const scopePayload = (name: string, description: string) =>
  builder.objectRef<{ scope: Scope }>(name).implement({
    description,
    fields: (t) => ({
      scope: t.field({ type: ScopeRef, description: "The scope as it is now.", resolve: (p) => p.scope }),
    }),
  });

/** A payload carrying the API version as the mutation left it. */
const versionPayload = (name: string, description: string) =>
  builder.objectRef<{ apiVersion: ApiVersion }>(name).implement({
    description,
    fields: (t) => ({
      apiVersion: t.field({
        type: ApiVersionRef,
        description: "The API version as it is now.",
        resolve: (p) => p.apiVersion,
      }),
    }),
  });

/** The result union of a mutation: its payload, or the expected error that changed nothing. */
const errorsOf = (mutation: string) => ({
  types: mutationErrors,
  union: {
    name: `${mutation[0]?.toUpperCase()}${mutation.slice(1)}Result`,
    description: `What \`${mutation}\` answers: its payload, or the expected error that changed nothing.`,
  },
});

builder.mutationFields((t) => ({
  createScope: t.field({
    type: scopePayload("CreateScopePayload", "The data scope was added; all-scopes keys hold it at once."),
    description: `Adds a data scope to the catalogue. A name already taken (retired or not) is a ConflictError. ${who}`,
    errors: errorsOf("createScope"),
    args: { input: t.arg({ type: CreateScopeInput, required: true, description: "The new scope." }) },
    resolve: async (_root, { input }, ctx) => ({
      scope: await createScope(ctx, { ...input, organizationId: organizationId(input.organizationId) }),
    }),
  }),
  updateScope: t.field({
    type: scopePayload("UpdateScopePayload", "The scope's description was changed."),
    description: `Changes what a data scope says it allows. ${who}`,
    errors: errorsOf("updateScope"),
    args: { input: t.arg({ type: UpdateScopeInput, required: true, description: "The scope and its description." }) },
    resolve: async (_root, { input }, ctx) => ({
      scope: await updateScope(ctx, { id: scopeId(input.id), description: input.description }),
    }),
  }),
  retireScope: t.field({
    type: scopePayload("RetireScopePayload", "The scope is retired."),
    description: `Retires a data scope: it can no longer be granted, keys that hold it keep listing it, and verifying with it answers INSUFFICIENT_SCOPE on every instance as soon as this returns (for all-scopes keys too). Retiring a retired scope is a ConflictError. ${who}`,
    errors: errorsOf("retireScope"),
    args: {
      input: t.arg({
        type: ScopeIdInput("RetireScopeInput", "The data scope to retire."),
        required: true,
        description: "The scope.",
      }),
    },
    resolve: async (_root, { input }, ctx) => ({ scope: await retireScope(ctx, { id: scopeId(input.id) }) }),
  }),
  restoreScope: t.field({
    type: scopePayload("RestoreScopePayload", "The scope is in use again."),
    description: `Restores a retired data scope: grantable again, and the keys that still hold it verify with it again at once. ${who}`,
    errors: errorsOf("restoreScope"),
    args: {
      input: t.arg({
        type: ScopeIdInput("RestoreScopeInput", "The retired data scope to restore."),
        required: true,
        description: "The scope.",
      }),
    },
    resolve: async (_root, { input }, ctx) => ({ scope: await restoreScope(ctx, { id: scopeId(input.id) }) }),
  }),
  createApiVersion: t.field({
    type: versionPayload("CreateApiVersionPayload", "The API version was added."),
    description: `Adds an API version, released now; it becomes the default when the organization has none. ${who}`,
    errors: errorsOf("createApiVersion"),
    args: { input: t.arg({ type: CreateApiVersionInput, required: true, description: "The new version." }) },
    resolve: async (_root, { input }, ctx) => ({
      apiVersion: await createApiVersion(ctx, { ...input, organizationId: organizationId(input.organizationId) }),
    }),
  }),
  deprecateApiVersion: t.field({
    type: versionPayload("DeprecateApiVersionPayload", "The API version is deprecated, with its sunset."),
    description: `Deprecates an API version and announces its sunset. Keys on it keep verifying (after the sunset too), and every valid verification of them says so (\`apiVersionDeprecated\`, \`apiVersionSunsetAt\`, and the \`Deprecation\` and \`Sunset\` headers of \`POST /v1/keys/verify\`) on every instance as soon as this returns. ${who}`,
    errors: errorsOf("deprecateApiVersion"),
    args: {
      input: t.arg({ type: DeprecateApiVersionInput, required: true, description: "The version and its sunset." }),
    },
    resolve: async (_root, { input }, ctx) => ({
      apiVersion: await deprecateApiVersion(ctx, { id: versionId(input.id), sunsetAt: input.sunsetAt }),
    }),
  }),
  setDefaultApiVersion: t.field({
    type: versionPayload("SetDefaultApiVersionPayload", "The API version is the default for new keys."),
    description: `Chooses the API version new keys get when none is chosen; existing keys keep theirs. ${who}`,
    errors: errorsOf("setDefaultApiVersion"),
    args: { input: t.arg({ type: SetDefaultApiVersionInput, required: true, description: "The version." }) },
    resolve: async (_root, { input }, ctx) => ({
      apiVersion: await setDefaultApiVersion(ctx, { id: versionId(input.id) }),
    }),
  }),
}));
