import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";

const h = useHarness();

/** Makes one statement fail for one key only (a trigger), as a database error mid-flush would. */
async function failWritesOf(table: "ApiKeyUsage" | "ApiKey", keyId: string) {
  const name = `fail_${table}_${keyId.replaceAll("-", "")}`;
  await h.db.prisma.$executeRawUnsafe(`CREATE FUNCTION ${name}() RETURNS trigger AS $$
    BEGIN IF NEW.${table === "ApiKey" ? "id" : `"apiKeyId"`} = '${keyId}' THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END
    $$ LANGUAGE plpgsql`);
  await h.db.prisma.$executeRawUnsafe(
    `CREATE TRIGGER ${name} BEFORE INSERT OR UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION ${name}()`,
  );
  return async () => {
    await h.db.prisma.$executeRawUnsafe(`DROP TRIGGER ${name} ON "${table}"`);
    await h.db.prisma.$executeRawUnsafe(`DROP FUNCTION ${name}()`);
  };
}

const counted = async (keyId: string) =>
  (await h.db.prisma.apiKeyUsage.findMany({ where: { apiKeyId: keyId } })).reduce((sum, row) => sum + row.count, 0);

/** A new key verified three times: three VALID counts waiting for the next flush. */
async function keyWithThreeCounts() {
  const org = await h.newOrganization();
  const { key, secret } = await org.keyClient();
  for (let i = 0; i < 3; i++) await h.app.verification.verify({ key: secret }, null);
  return { key, secret };
}

describe("a usage flush that fails", () => {
  it("keeps the counts it could not write and writes them once at the next flush", async () => {
    const { key, secret } = await keyWithThreeCounts();
    const restore = await failWritesOf("ApiKeyUsage", key.id);
    await expect(h.app.verification.usage.flush()).rejects.toThrow(/disk full/);
    expect(await counted(key.id)).toBe(0);
    await restore();
    await h.app.verification.verify({ key: secret }, null);
    await h.app.verification.usage.flush();
    expect(await counted(key.id)).toBe(4);
  });

  it("does not write the counts twice when only the last-used time failed", async () => {
    const { key } = await keyWithThreeCounts();
    const restore = await failWritesOf("ApiKey", key.id);
    await expect(h.app.verification.usage.flush()).rejects.toThrow(/disk full/);
    expect(await counted(key.id)).toBe(3);
    await restore();
    await h.app.verification.usage.flush();
    expect(await counted(key.id)).toBe(3);
    const { lastUsedAt } = await h.db.prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(lastUsedAt).not.toBeNull();
  });
});
