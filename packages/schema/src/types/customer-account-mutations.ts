import { createCustomerAccount, decodeTargetId, rotateAccountToken, updateCustomerAccount } from "@tessera/core";
import type { CustomerAccount } from "@tessera/db";
import { builder } from "../builder.ts";
import { mutationErrors } from "../errors.ts";
import { RateLimitInput } from "./api-key-traffic.ts";
import { CustomerAccountRef, CustomerAccountStatusEnum } from "./customer-account.ts";

/** Every payload carries the account as it is after the change; the token follows the usual visibility rule. */
function accountPayload(name: string, description: string) {
  return builder.objectRef<{ customerAccount: CustomerAccount }>(name).implement({
    description,
    fields: (t) => ({
      customerAccount: t.field({
        type: CustomerAccountRef,
        description: "The customer account after the change.",
        resolve: (payload) => payload.customerAccount,
      }),
    }),
  });
}

const CreateCustomerAccountInput = builder.inputType("CreateCustomerAccountInput", {
  description: "A new customer account. It starts ACTIVE with a fresh account token.",
  fields: (t) => ({
    organizationId: t.id({ required: true, description: "The organization that manages the account." }),
    name: t.string({ required: true, description: "The account's name: 1 to 100 characters, trimmed." }),
    rateLimits: t.field({
      type: [RateLimitInput],
      description: "Rate limits shared by every key used with this account's token (one pool per account).",
    }),
  }),
});

const UpdateCustomerAccountInput = builder.inputType("UpdateCustomerAccountInput", {
  description: "Changes to a customer account; absent fields keep their value. A CLOSED account cannot be reopened.",
  fields: (t) => ({
    id: t.id({ required: true, description: "The customer account to change." }),
    name: t.string({ description: "A new name: 1 to 100 characters, trimmed." }),
    status: t.field({ type: CustomerAccountStatusEnum, description: "A new status. CLOSED is final." }),
    rateLimits: t.field({
      type: [RateLimitInput],
      description: "New shared rate limits; an empty list removes them, absent keeps them.",
    }),
  }),
});

const RotateAccountTokenInput = builder.inputType("RotateAccountTokenInput", {
  description: "The customer account whose token is replaced.",
  fields: (t) => ({
    id: t.id({ required: true, description: "The customer account whose token is replaced." }),
  }),
});

builder.mutationFields((t) => ({
  createCustomerAccount: t.field({
    type: accountPayload("CreateCustomerAccountPayload", "The customer account was created."),
    description: "Creates a customer account with a new account token. Needs OWNER, ADMIN or `accounts:write`.",
    errors: {
      types: mutationErrors,
      union: {
        name: "CreateCustomerAccountResult",
        description: "What `createCustomerAccount` answers: its payload, or the expected error that changed nothing.",
      },
    },
    args: { input: t.arg({ type: CreateCustomerAccountInput, required: true, description: "The new account." }) },
    resolve: async (_root, { input }, ctx) => ({
      customerAccount: await createCustomerAccount(ctx, {
        organizationId: decodeTargetId(String(input.organizationId), "Organization", "Organization not found."),
        name: input.name,
        rateLimits: input.rateLimits,
      }),
    }),
  }),
  updateCustomerAccount: t.field({
    type: accountPayload("UpdateCustomerAccountPayload", "The customer account was changed."),
    description: "Renames a customer account or changes its status. Needs OWNER, ADMIN or `accounts:write`.",
    errors: {
      types: mutationErrors,
      union: {
        name: "UpdateCustomerAccountResult",
        description: "What `updateCustomerAccount` answers: its payload, or the expected error that changed nothing.",
      },
    },
    args: { input: t.arg({ type: UpdateCustomerAccountInput, required: true, description: "The changes." }) },
    resolve: async (_root, { input }, ctx) => ({
      customerAccount: await updateCustomerAccount(ctx, {
        id: decodeTargetId(String(input.id), "CustomerAccount", "Customer account not found."),
        name: input.name,
        status: input.status,
        rateLimits: input.rateLimits,
      }),
    }),
  }),
  rotateAccountToken: t.field({
    type: accountPayload("RotateAccountTokenPayload", "The account token was replaced; the old one no longer works."),
    description:
      "Issues a new account token; the old one stops identifying the account at once. Needs OWNER, ADMIN or `accounts:write`.",
    errors: {
      types: mutationErrors,
      union: {
        name: "RotateAccountTokenResult",
        description: "What `rotateAccountToken` answers: its payload, or the expected error that changed nothing.",
      },
    },
    args: { input: t.arg({ type: RotateAccountTokenInput, required: true, description: "The account." }) },
    resolve: async (_root, { input }, ctx) => ({
      customerAccount: await rotateAccountToken(ctx, {
        id: decodeTargetId(String(input.id), "CustomerAccount", "Customer account not found."),
      }),
    }),
  }),
}));
