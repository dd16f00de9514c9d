-- CreateTable
CREATE TABLE "ApiKeyUsageWindow" (
    "apiKeyId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL,
    "total" BIGINT NOT NULL,
    "valid" BIGINT NOT NULL,

    CONSTRAINT "ApiKeyUsageWindow_pkey" PRIMARY KEY ("apiKeyId")
);

-- CreateIndex
CREATE INDEX "ApiKeyUsageWindow_organizationId_since_idx" ON "ApiKeyUsageWindow"("organizationId", "since");

-- CreateIndex
CREATE INDEX "ApiKeyUsageWindow_since_idx" ON "ApiKeyUsageWindow"("since");

-- AddForeignKey
ALTER TABLE "ApiKeyUsageWindow" ADD CONSTRAINT "ApiKeyUsageWindow_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: every key used in the last 30 UTC days (today included) gets its running totals from the
-- daily rows; from now on the usage flush adds to them and the scheduler moves them day by day.
INSERT INTO "ApiKeyUsageWindow" ("apiKeyId", "organizationId", "since", "total", "valid")
SELECT "apiKeyId", "organizationId", w.since, SUM("count"), COALESCE(SUM("count") FILTER (WHERE "code" = 'VALID'), 0)
FROM "ApiKeyUsageDaily",
  (SELECT date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '29 days' AS since) w
WHERE "day" >= w.since
GROUP BY 1, 2, 3;
