import { builder } from "../builder.ts";

export const UserRef = builder.prismaNode("User", {
  id: { field: "id" },
  description:
    "A person who signs in to Tessera and belongs to organizations through memberships. Readable by themself, by the members of an organization they belong to, and by its keys with `members:read`; elsewhere null, or left out of lists.",
  fields: (t) => ({
    email: t.exposeString("email", { description: "The address the user signs in with." }),
    name: t.exposeString("name", { nullable: true, description: "Display name, when the user gave one." }),
  }),
});
