import { describe, expect, it } from "vitest";
import { auditActionEnumName, auditActions } from "./audit-actions.ts";

describe("audit actions", () => {
  it("are past-tense <object>.<verb> names whose enum names never collide", () => {
    // Irregular past tenses are listed: `member.left`, `member.password_reset`, `invitation.resent`.
    for (const action of auditActions) {
      expect(action).toMatch(/^[a-z_]+\.([a-z_]+(ed|_in|_out_everywhere|_reset)|resent|left)$/);
    }
    const names = auditActions.map(auditActionEnumName);
    expect(new Set(names).size).toBe(auditActions.length);
    expect(names).toContain("WEBHOOK_ENDPOINT_SECRET_ROTATED");
  });
});
