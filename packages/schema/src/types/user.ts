import { builder } from "../builder.ts";

export const UserRef = builder.prismaNode("User", {
  id: { field: "id" },
  description: "A person who signs in to Tessera and belongs to organizations through memberships.",
  fields: (t) => ({
    email: t.exposeString("email", { description: "The address the user signs in with." }),
    name: t.exposeString("name", { nullable: true, description: "Display name, when the user gave one." }),
  }),
});
