import { describe } from "vitest";
import { useHarness } from "../support/harness.ts";
import { keyGid, renewMutation } from "./support.ts";
import { itAuthorizesKeyWrites } from "./write-authorization.ts";

const h = useHarness();

describe("renewApiKey authorization", () => {
  itAuthorizesKeyWrites(h, { mutation: renewMutation, field: "renewApiKey", input: (id) => ({ id: keyGid(id) }) });
});
