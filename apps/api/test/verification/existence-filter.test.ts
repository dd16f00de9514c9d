import { randomBytes } from "node:crypto";
import {
  databaseDigests,
  defaultVerificationSettings,
  ExistenceFilter,
  generateApiKey,
  Verification,
} from "@tessera/core";
import type { PrismaClient } from "@tessera/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccountAs, rotateToken } from "../accounts/documents.ts";
import { createKey } from "../api-keys/support.ts";
import { useHarness } from "../support/harness.ts";
import { sharedWorld } from "./fixtures.ts";
import { useHttpServer, verifyOverGraphQL, verifyOverHttp } from "./support.ts";

const h = useHarness();
const world = sharedWorld(h);
const http = useHttpServer(() => h.app);

/**
 * The real client, every call it receives counted: each `$queryRaw` and each model call is one
 * statement sent to the database (PGlite or PostgreSQL, whichever the project runs on).
 */
function countingClient(prisma: PrismaClient) {
  const counter = { statements: 0 };
  const count = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property) {
        const value = Reflect.get(object, property, object);
        if (typeof value === "function") {
          return (...args: unknown[]) => {
            counter.statements++;
            return value.apply(object, args);
          };
        }
        if (typeof property === "string" && !property.startsWith("_") && value && typeof value === "object") {
          return count(value);
        }
        return value;
      },
    });
  return { client: count(prisma), counter };
}

const madeUpKey = () => generateApiKey().secret;
const madeUpToken = () => `tat_${randomBytes(24).toString("base64url").slice(0, 32)}`;
const addresses = Array.from({ length: 50 }, (_, i) => `198.51.100.${i + 1}`);

async function untilTrusted(verification: Verification) {
  while (!verification.stats().filter.trusted) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe("made-up keys and tokens never reach the database", () => {
  let verification: Verification;
  let counter: { statements: number };
  beforeAll(async () => {
    const counting = countingClient(h.db.prisma);
    counter = counting.counter;
    verification = new Verification({ prisma: counting.client, clock: h.clock });
    await verification.loadFilter();
  });
  afterAll(() => verification.close());

  it("a made-up well-formed key, from any number of addresses: NOT_FOUND and not one statement", async () => {
    await world();
    await verification.loadFilter(); // the world's keys were created after the first load
    const before = counter.statements;
    const rejections = verification.stats().filter.rejections;
    for (let i = 0; i < 200; i++) {
      const answer = await verification.verify({ key: madeUpKey() }, addresses[i % addresses.length] ?? null);
      expect(answer.code === "NOT_FOUND" || answer.code === "RATE_LIMITED").toBe(true);
    }
    expect(counter.statements - before).toBe(0);
    expect(verification.stats().filter.rejections - rejections).toBe(200);
    expect(verification.stats().misses).toBe(0);
  });

  it("a made-up, NUL-holding or 10 KB account token with a real key: ACCOUNT_MISMATCH and not one statement", async () => {
    const w = await world();
    await verification.loadFilter();
    const key = w.keys.full.secret;
    expect((await verification.verify({ key, accountToken: w.tokens.active }, null)).code).toBe("VALID");
    const before = counter.statements;
    const hostile = [madeUpToken(), madeUpToken(), "tat_\u0000", "\u0000", "x".repeat(10_240), ""];
    for (const accountToken of hostile) {
      expect((await verification.verify({ key, accountToken }, null)).code).toBe("ACCOUNT_MISMATCH");
    }
    expect(counter.statements - before).toBe(0);
  });

  it("while the filter is not trusted (changes may have been missed), a made-up key reads the database", async () => {
    verification.setBypass(true);
    const before = counter.statements;
    expect((await verification.verify({ key: madeUpKey() }, null)).code).toBe("NOT_FOUND");
    expect(counter.statements - before).toBe(1);
    verification.setBypass(false);
    await untilTrusted(verification);
    const after = counter.statements;
    expect((await verification.verify({ key: madeUpKey() }, null)).code).toBe("NOT_FOUND");
    expect(counter.statements).toBe(after);
  });

  it("the filter loads in pages: every key hash and account token, a bounded statement each", async () => {
    const w = await world();
    const counting = countingClient(h.db.prisma);
    const rows = (await h.db.prisma.apiKey.count()) + (await h.db.prisma.customerAccount.count());
    const filter = new ExistenceFilter(databaseDigests(counting.client, 3));
    await filter.load();
    expect(filter.stats).toMatchObject({ trusted: true, entries: rows });
    // One count, then ceil((n + 1) / 3) pages of keys and of accounts.
    expect(counting.counter.statements).toBeGreaterThanOrEqual(1 + Math.ceil(rows / 3));
    expect(filter.mayExist(generateApiKey().hash)).toBe(false);
    const verifyOne = await verifyOverGraphQL(h.app, { key: w.keys.full.secret, accountToken: w.tokens.active });
    expect(verifyOne.code).toBe("VALID");
  });
});

describe("what is created verifies at once on the instance that created it", () => {
  it("a new key, a new account's token and a rotated token are VALID at the very next verification", async () => {
    const w = await world();
    await untilTrusted(h.app.verification);
    for (let i = 0; i < 5; i++) {
      const key = await createKey(w.org, { name: `fresh-${i}` });
      expect((await verifyOverHttp(http.url, { key: key.secret })).code).toBe("VALID");
      const account = await createAccountAs(w.org.as.OWNER, w.org.org.id, `Fresh ${i}`);
      const withToken = { key: key.secret, accountToken: account.token };
      expect((await verifyOverHttp(http.url, withToken)).code).toBe("VALID");
      const rotated = await w.org.as.OWNER.gql(rotateToken, { input: { id: account.id } });
      const token = rotated.data?.rotateAccountToken.customerAccount.token as string;
      expect((await verifyOverGraphQL(h.app, { key: key.secret, accountToken: token })).code).toBe("VALID");
      expect((await verifyOverGraphQL(h.app, withToken)).code).toBe("ACCOUNT_MISMATCH");
    }
  });
});

describe("an address over its failure limit is answered from memory only", () => {
  it("once over, its refusals read no database, even with the filter untrusted; a cached valid key stays VALID", async () => {
    const w = await world();
    const counting = countingClient(h.db.prisma);
    const limited = new Verification({
      prisma: counting.client,
      clock: h.clock,
      // Not held back (tested in verify.security): this test counts reads over 70 refusals.
      settings: {
        ...defaultVerificationSettings,
        failureLimit: { points: 3, windowSeconds: 60, refusalDelayMs: 0 },
      },
    });
    try {
      // No filter (never loaded): without the limit, every made-up key would read the database.
      const attacker = "198.51.100.99";
      expect((await limited.verify({ key: w.keys.full.secret }, attacker)).code).toBe("VALID");
      const codes: string[] = [];
      for (let i = 0; i < 4; i++) codes.push((await limited.verify({ key: madeUpKey() }, attacker)).code);
      expect(codes).toEqual(["NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "RATE_LIMITED"]);
      const before = counting.counter.statements;
      for (let i = 0; i < 50; i++) {
        expect((await limited.verify({ key: madeUpKey() }, attacker)).code).toBe("RATE_LIMITED");
      }
      expect((await limited.verify({ key: w.keys.strict.secret }, attacker)).code).toBe("RATE_LIMITED");
      expect(counting.counter.statements).toBe(before);
      expect((await limited.verify({ key: w.keys.full.secret }, attacker)).code).toBe("VALID");
      // Another address is not limited, and reads the database as usual.
      expect((await limited.verify({ key: madeUpKey() }, "198.51.100.98")).code).toBe("NOT_FOUND");
      expect(counting.counter.statements).toBe(before + 1);
      // With the filter trusted, the limited address still gets a real, uncached key verified (one
      // read: a service behind the attacker's address keeps working), and made-up keys read nothing.
      await limited.loadFilter();
      const loaded = counting.counter.statements;
      expect((await limited.verify({ key: w.keys.strict.secret, userAgent: "FleetApp/2" }, attacker)).code).toBe(
        "VALID",
      );
      expect(counting.counter.statements).toBe(loaded + 1);
      for (let i = 0; i < 20; i++) {
        expect((await limited.verify({ key: madeUpKey() }, attacker)).code).toBe("RATE_LIMITED");
      }
      expect(counting.counter.statements).toBe(loaded + 1);
    } finally {
      await limited.close();
    }
  });
});

describe("hostile account tokens answer a code on both doors, never a 500", () => {
  it("a NUL or 10 KB accountToken", async () => {
    const w = await world();
    // With the filter untrusted, so that only the token's own check stands between it and the database.
    h.app.verification.filter.distrust();
    try {
      for (const accountToken of ["tat_\u0000x", "x".repeat(10_240)]) {
        const overHttp = await verifyOverHttp(http.url, { key: w.keys.full.secret, accountToken });
        expect(overHttp.code).toBe("ACCOUNT_MISMATCH");
      }
      const long = await verifyOverGraphQL(h.app, { key: w.keys.full.secret, accountToken: "x".repeat(10_240) });
      expect(long.code).toBe("ACCOUNT_MISMATCH");
      // GraphQL refuses any text holding U+0000 before resolving (a 400 that says why), as for every field.
      const response = await h.app.yoga.fetch("http://tessera.test/graphql", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: `query V($input: VerifyApiKeyInput!) { verifyApiKey(input: $input) { code } }`,
          variables: { input: { key: w.keys.full.secret, accountToken: "tat_\u0000x" } },
        }),
      });
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toMatch(/U\+0000/);
    } finally {
      await h.app.verification.loadFilter();
    }
  });
});
