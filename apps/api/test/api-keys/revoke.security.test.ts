import { describe } from "vitest";
import { useHarness } from "../support/harness.ts";
import { keyGid, revokeMutation } from "./support.ts";
import { itAuthorizesKeyWrites } from "./write-authorization.ts";

const h = useHarness();

describe("revokeApiKey authorization", () => {
  itAuthorizesKeyWrites(h, {
    mutation: revokeMutation,
    field: "revokeApiKey",
    input: (id) => ({ id: keyGid(id), reason: "not yours" }),
  });
});
