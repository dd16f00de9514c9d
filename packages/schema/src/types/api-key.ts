import { builder } from "../builder.ts";

export const KeyRoleEnum = builder.enumType("KeyRole", {
  description: "The role an API key acts with in the partner's API.",
  values: {
    EDITOR: { description: "May read and change data." },
    VIEWER: { description: "May only read data." },
  } as const,
});

export const ApiKeyRef = builder.prismaNode("ApiKey", {
  id: { field: "id" },
  description: "An API key. Its secret is shown once, when it is created; Tessera keeps only a hash.",
  fields: (t) => ({
    name: t.exposeString("name", { description: "A name unique within the organization." }),
    description: t.exposeString("description", { nullable: true, description: "What the key is for." }),
    hint: t.exposeString("hint", {
      description: "The prefix and first characters of the secret, to recognise the key. Never the secret.",
    }),
    role: t.expose("role", { type: KeyRoleEnum, description: "The role the key acts with." }),
  }),
});
