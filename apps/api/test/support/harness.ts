import { randomBytes } from "node:crypto";
import {
  type Clock,
  createOrganization,
  generateApiKey,
  generateSessionToken,
  hashPassword,
  isManagementScope,
  isWriteScope,
  type MemberRole,
  managementScopes,
  runChange,
} from "@tessera/core";
import { afterAll, beforeAll } from "vitest";
import { sessionCookieName } from "../../src/cookies.ts";
import { silentLogger } from "../../src/log.ts";
import { type App, type AppOptions, createApp } from "../../src/server.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";

export const testPassword = "correct horse battery staple";
/** The client address in-process requests appear to come from (TEST-NET-3). */
export const testSourceAddress = "203.0.113.7";

export type GraphQLResponse<T = Record<string, any>> = {
  status: number;
  headers: Headers;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
};

export type Client = {
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  headers: Record<string, string>;
};

/** A clock tests can move; starts at the real time. Only for rules that depend on time (expiry). */
export class TestClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export type Harness = {
  db: TestDatabase;
  app: App;
  clock: TestClock;
  client(headers?: Record<string, string>): Client;
  anonymous: Client;
  /** A fresh organization with one member of each role, signed in. */
  newOrganization(): Promise<OrgFixture>;
};

export type OrgFixture = Awaited<ReturnType<typeof makeOrganization>>;

let passwordHash: Promise<string> | undefined;

/** Opens a fresh database and an in-process app for one test file (closed after it). */
export function useHarness(options: Pick<AppOptions, "team"> = {}): Harness {
  const harness = {} as Harness;
  beforeAll(async () => {
    const db = await createTestDatabase();
    const clock = new TestClock();
    const app = createApp({ prisma: db.prisma, logger: silentLogger, clock, ...options });
    const client = (headers: Record<string, string> = {}): Client => ({
      headers,
      async gql(query, variables) {
        const response = await app.yoga.fetch(
          "http://tessera.test/graphql",
          {
            method: "POST",
            headers: { "content-type": "application/json", ...headers },
            body: JSON.stringify({ query, variables }),
          },
          { sourceAddress: testSourceAddress },
        );
        const body = (await response.json()) as Omit<GraphQLResponse, "status" | "headers">;
        return { status: response.status, headers: response.headers, ...body } as GraphQLResponse<any>;
      },
    });
    Object.assign(harness, {
      db,
      app,
      clock,
      client,
      anonymous: client(),
      newOrganization: () => makeOrganization(harness),
    });
  });
  afterAll(async () => {
    await harness.app?.close();
    await harness.db?.close();
  });
  return harness;
}

const roles: MemberRole[] = ["OWNER", "ADMIN", "EDITOR", "VIEWER"];

async function makeOrganization(h: Harness) {
  passwordHash ??= hashPassword(testPassword);
  const hash = await passwordHash;
  const tag = randomBytes(4).toString("hex");
  const prisma = h.db.prisma;
  const users = {} as Record<MemberRole, { id: string; email: string }>;
  for (const role of roles) {
    const email = `${role.toLowerCase()}-${tag}@example.test`;
    users[role] = await prisma.user.create({
      data: { email, name: `${role} ${tag}`, passwordHash: hash },
      select: { id: true, email: true },
    });
  }
  const org = await prisma.$transaction((tx) =>
    createOrganization(tx, {
      slug: `org-${tag}`,
      name: `Org ${tag}`,
      domainScopes: [
        { name: "vehicles:read", description: "Read vehicles." },
        { name: "routes:write", description: "Change routes." },
      ],
      apiVersions: [
        { name: "v1", deprecated: true, releasedAt: new Date("2024-01-01") },
        { name: "v2", releasedAt: new Date("2025-01-01") },
      ],
      members: roles.map((role) => ({ userId: users[role].id, role })),
    }),
  );
  const sessions = {} as Record<MemberRole, Client>;
  for (const role of roles) {
    const { token, hash: tokenHash } = generateSessionToken();
    await prisma.session.create({
      data: { tokenHash, userId: users[role].id, expiresAt: new Date(Date.now() + 86_400_000) },
    });
    sessions[role] = h.client({ cookie: `${sessionCookieName}=${token}` });
  }

  /**
   * Inserts a key directly (the key mutations are tested on their own) and returns a client using it.
   * `scopes`: the scope names it holds, data or management, as they are stored; absent: all data
   * scopes. `managementScopes`: more management scopes by name, or "all". The role defaults to EDITOR
   * when the key holds a write management scope (a VIEWER key cannot), VIEWER otherwise.
   * Through runChange, like every creation, so that the existence filter knows the key.
   */
  async function keyClient(
    options: {
      scopes?: string[];
      managementScopes?: readonly string[] | "all";
      role?: "EDITOR" | "VIEWER";
      revoked?: boolean;
      expiresAt?: Date;
    } = {},
  ) {
    const generated = generateApiKey();
    const version = await prisma.apiVersion.findFirstOrThrow({ where: { organizationId: org.id, name: "v2" } });
    const management =
      options.managementScopes === "all" ? managementScopes.map((s) => s.name) : (options.managementScopes ?? []);
    const held = [...(options.scopes ?? []), ...management];
    const scopeRows = await prisma.scope.findMany({ where: { organizationId: org.id, name: { in: held } } });
    const writes = held.some((name) => isManagementScope(name) && isWriteScope(name));
    const key = await runChange({ prisma }, async (tx, changed) => {
      changed({ kind: "created", digest: generated.hash });
      return tx.apiKey.create({
        data: {
          organizationId: org.id,
          name: `key-${randomBytes(3).toString("hex")}`,
          hashedKey: generated.hash,
          hint: generated.hint,
          apiVersionId: version.id,
          role: options.role ?? (writes ? "EDITOR" : "VIEWER"),
          allScopes: !options.scopes,
          expiresAt: options.expiresAt ?? new Date(Date.now() + 30 * 86_400_000),
          revokedAt: options.revoked ? new Date() : null,
          createdByUserId: users.OWNER.id,
          scopes: { create: scopeRows.map((s) => ({ scopeId: s.id })) },
        },
      });
    });
    return { key, secret: generated.secret, client: h.client({ authorization: `Bearer ${generated.secret}` }) };
  }

  return { org, users, as: sessions, keyClient };
}
