import { describe, expect, it } from "vitest";
import { renderExpiryEmail } from "./expiry-email.ts";

const facts = {
  organizationName: `Acme <script>alert("x")</script>`,
  keyId: "0b7c3a52-2f7e-4a37-9a39-6a0f5a1f0c11",
  keyName: `Fleet "sync" & <b>more</b>`,
  keyHint: "tsr_AbC1x2…",
  expiresAt: new Date("2027-03-01T09:30:00Z"),
  daysLeft: 7,
  milestone: "DAYS_7" as const,
  publicUrl: "https://tessera.example.com/",
};

describe("renderExpiryEmail", () => {
  it("says which key, when, what stops working and where to renew it", () => {
    const email = renderExpiryEmail(facts);
    expect(email.subject).toContain("expires in 7 days");
    expect(email.text).toContain(facts.keyName);
    expect(email.text).toContain("(tsr_AbC1x2…)");
    expect(email.text).toContain("2027-03-01 09:30 UTC");
    expect(email.text).toContain("every request made with it will be refused");
    expect(email.text).toContain(`https://tessera.example.com/keys?key=${facts.keyId}`);
  });

  it("escapes names in the HTML part so they never become markup", () => {
    const { html } = renderExpiryEmail(facts);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>more</b>");
    expect(html).toContain("Acme &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain("Fleet &quot;sync&quot; &amp; &lt;b&gt;more&lt;/b&gt;");
  });

  it("tells after expiry that a new key is needed", () => {
    const email = renderExpiryEmail({ ...facts, milestone: "EXPIRED", daysLeft: 0 });
    expect(email.subject).toContain("has expired");
    expect(email.text).toContain("cannot be renewed");
  });
});
