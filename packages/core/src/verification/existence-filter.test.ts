import { describe, expect, it } from "vitest";
import { generateApiKey } from "../api-key-secret.ts";
import { accountTokenDigest, type DigestSource, ExistenceFilter, filterErrorRate } from "./existence-filter.ts";

const digests = (n: number) => Array.from({ length: n }, () => generateApiKey().hash);

/** An in-memory source of digests (the database one is exercised by the API's tests). */
function source(items: string[], gate?: Promise<void>): DigestSource & { reads: number } {
  const state = {
    reads: 0,
    async count() {
      return items.length;
    },
    async *digests() {
      state.reads++;
      await gate;
      yield* items;
    },
  };
  return state;
}

describe("ExistenceFilter", () => {
  it("says maybe to everything until loaded, then no to what it never held", async () => {
    const known = digests(1_000);
    const filter = new ExistenceFilter(source(known));
    const madeUp = generateApiKey().hash;
    expect(filter.mayExist(madeUp)).toBe(true);
    expect(filter.stats).toMatchObject({ trusted: false, rejections: 0 });
    await filter.load();
    expect(filter.stats).toMatchObject({ trusted: true, entries: 1_000 });
    expect(known.every((digest) => filter.mayExist(digest))).toBe(true);
    expect(filter.mayExist(madeUp)).toBe(false);
    expect(filter.stats.rejections).toBe(1);
  });

  it("keeps false positives near its 0.1 % rate", async () => {
    const filter = new ExistenceFilter(source(digests(20_000)));
    await filter.load();
    const probes = digests(50_000);
    const falsePositives = probes.filter((digest) => filter.mayExist(digest)).length;
    // Sized for a million entries and holding 20,000, it does far better than its rate.
    expect(falsePositives / probes.length).toBeLessThan(filterErrorRate);
  });

  it("learns added digests at once, including account-token digests", async () => {
    const filter = new ExistenceFilter(source([]));
    await filter.load();
    const key = generateApiKey().hash;
    const token = accountTokenDigest("tat_0123456789abcdefghijABCDEFGHIJ01");
    expect(filter.mayExist(key) || filter.mayExist(token)).toBe(false);
    filter.add(key);
    filter.add(token);
    expect(filter.mayExist(key) && filter.mayExist(token)).toBe(true);
  });

  it("a digest added while a load runs is kept by the loaded filter", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const filter = new ExistenceFilter(source(digests(10), gate));
    const loading = filter.load();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const added = generateApiKey().hash;
    filter.add(added);
    release();
    await loading;
    expect(filter.stats).toMatchObject({ trusted: true, entries: 11 });
    expect(filter.mayExist(added)).toBe(true);
  });

  it("distrusted (changes may have been missed), it says maybe until a later load completes", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const items = digests(10);
    const filter = new ExistenceFilter(source(items, gate));
    const first = filter.load();
    filter.distrust();
    release();
    await first;
    // The load that began before the distrust does not make the filter trusted again.
    expect(filter.stats.trusted).toBe(false);
    expect(filter.mayExist(generateApiKey().hash)).toBe(true);
    await filter.load();
    expect(filter.mayExist(generateApiKey().hash)).toBe(false);
  });

  it("a failed load is reported and leaves the filter untrusted", async () => {
    const errors: unknown[] = [];
    const failing: DigestSource = {
      count: () => Promise.reject(new Error("database down")),
      digests: () => (async function* () {})(),
    };
    const filter = new ExistenceFilter(failing, (error) => errors.push(error));
    await filter.load();
    filter.close(); // stops the retry
    expect(errors).toHaveLength(1);
    expect(filter.mayExist(generateApiKey().hash)).toBe(true);
  });
});
