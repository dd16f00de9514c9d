import { describe, expect, it } from "vitest";
import { useHarness } from "./support/harness.ts";

const h = useHarness();
const lists = ["apiKeys", "customerAccounts", "resources", "auditEvents"];

describe("page arguments on every list", () => {
  it.each(lists)(
    "%s: `first` outside 1..100, `last` and `before` are clear errors, not silent clamps",
    async (list) => {
      const { org, as } = await h.newOrganization();
      const ask = (args: string) =>
        as.OWNER.gql(`query($slug: String!) { organization(slug: $slug) { ${list}(${args}) { totalCount } } }`, {
          slug: org.slug,
        });
      for (const first of [0, 101, -1]) {
        const result = await ask(`first: ${first}`);
        expect(result.errors?.[0]?.message).toMatch(/first/);
        expect(result.data?.organization ?? null).toBeNull();
      }
      // Lists page forwards only; `first` defaults to 50, so any use of `last`/`before` is refused.
      for (const args of ["last: 5", 'before: "abc"', "first: 5, last: 5", "first: null, last: 5"]) {
        const result = await ask(args);
        expect(result.errors?.[0]?.message).toMatch(/"?(last|before)"?.*(not supported|forwards only)|forwards only/);
        expect(result.data?.organization ?? null).toBeNull();
      }
      expect((await ask("first: 100")).errors).toBeUndefined();
      expect((await ask("first: 1")).errors).toBeUndefined();
    },
  );
});
