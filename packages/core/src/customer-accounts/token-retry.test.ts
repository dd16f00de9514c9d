import { Prisma } from "@tessera/db";
import { describe, expect, it } from "vitest";
import { withFreshAccountToken } from "./token-retry.ts";

const uniqueViolation = () =>
  new Prisma.PrismaClientKnownRequestError("Unique constraint failed on the fields: (`token`)", {
    code: "P2002",
    clientVersion: "test",
  });

function sequence(...tokens: string[]) {
  return () => tokens.shift() ?? "exhausted";
}

describe("withFreshAccountToken", () => {
  it("writes once with a generated token when nothing collides", async () => {
    const seen: string[] = [];
    const result = await withFreshAccountToken(async (token) => seen.push(token), sequence("tat_a", "tat_b"));
    expect(result).toBe(1);
    expect(seen).toEqual(["tat_a"]);
  });

  it("retries once with a new token after a unique violation", async () => {
    const seen: string[] = [];
    const result = await withFreshAccountToken(
      async (token) => {
        seen.push(token);
        if (seen.length === 1) throw uniqueViolation();
        return token;
      },
      sequence("tat_a", "tat_b"),
    );
    expect(result).toBe("tat_b");
    expect(seen).toEqual(["tat_a", "tat_b"]);
  });

  it("gives up after the second collision instead of looping", async () => {
    let attempts = 0;
    const write = async () => {
      attempts++;
      throw uniqueViolation();
    };
    await expect(withFreshAccountToken(write, sequence("tat_a", "tat_b", "tat_c"))).rejects.toThrow(/Unique/);
    expect(attempts).toBe(2);
  });

  it("does not retry other failures", async () => {
    let attempts = 0;
    const write = async () => {
      attempts++;
      throw new Error("connection lost");
    };
    await expect(withFreshAccountToken(write)).rejects.toThrow("connection lost");
    expect(attempts).toBe(1);
  });
});
