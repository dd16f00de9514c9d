import { describe, expect, it } from "vitest";
import { decoyPasswordHash, hashPassword, verifyPassword } from "./password.ts";

describe("passwords", () => {
  it("are stored as salted scrypt hashes that verify only the right password", async () => {
    const [a, b] = await Promise.all([hashPassword("tessera-demo"), hashPassword("tessera-demo")]);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("tessera-demo");
    expect(await verifyPassword("tessera-demo", a)).toBe(true);
    expect(await verifyPassword("tessera-demo ", a)).toBe(false);
    expect(await verifyPassword("", a)).toBe(false);
  });

  it("never verify against the decoy or a malformed hash", async () => {
    expect(await verifyPassword("anything", decoyPasswordHash)).toBe(false);
    expect(await verifyPassword("anything", "plaintext")).toBe(false);
  });
});
