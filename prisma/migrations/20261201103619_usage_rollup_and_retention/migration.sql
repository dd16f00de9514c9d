-- CreateTable
CREATE TABLE "ApiKeyUsageDaily" (
    "apiKeyId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "day" TIMESTAMPTZ(3) NOT NULL,
    "code" TEXT NOT NULL,
    "count" BIGINT NOT NULL,

    CONSTRAINT "ApiKeyUsageDaily_pkey" PRIMARY KEY ("apiKeyId","day","code")
);

-- CreateTable
CREATE TABLE "OrganizationUsageDaily" (
    "organizationId" UUID NOT NULL,
    "day" TIMESTAMPTZ(3) NOT NULL,
    "code" TEXT NOT NULL,
    "count" BIGINT NOT NULL,

    CONSTRAINT "OrganizationUsageDaily_pkey" PRIMARY KEY ("organizationId","day","code")
);

-- CreateTable
CREATE TABLE "UsageRollup" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "hourlyFrom" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "UsageRollup_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ApiKeyUsageDaily_organizationId_day_apiKeyId_count_idx" ON "ApiKeyUsageDaily"("organizationId", "day", "apiKeyId", "count");

-- CreateIndex
CREATE INDEX "ApiKeyUsageDaily_day_idx" ON "ApiKeyUsageDaily"("day");

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt");

-- CreateIndex
CREATE INDEX "ExpiryNotice_keyExpiresAt_idx" ON "ExpiryNotice"("keyExpiresAt");

-- CreateIndex
CREATE INDEX "KeyExpiryMilestone_keyExpiresAt_idx" ON "KeyExpiryMilestone"("keyExpiresAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_createdAt_idx" ON "OutboxMessage"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE INDEX "Session_lastSeenAt_idx" ON "Session"("lastSeenAt");

-- AddForeignKey
ALTER TABLE "ApiKeyUsageDaily" ADD CONSTRAINT "ApiKeyUsageDaily_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganizationUsageDaily" ADD CONSTRAINT "OrganizationUsageDaily_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: the daily rows start out holding every hour counted so far (the flush keeps them current
-- from now on), and nothing has been rolled up yet (every hourly row is still read as hours).
INSERT INTO "ApiKeyUsageDaily" ("apiKeyId", "organizationId", "day", "code", "count")
SELECT u."apiKeyId", k."organizationId", date_trunc('day', u."hour" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', u."code", SUM(u."count")
FROM "ApiKeyUsage" u JOIN "ApiKey" k ON k."id" = u."apiKeyId"
GROUP BY 1, 2, 3, 4;

INSERT INTO "OrganizationUsageDaily" ("organizationId", "day", "code", "count")
SELECT "organizationId", "day", "code", SUM("count") FROM "ApiKeyUsageDaily" GROUP BY 1, 2, 3;

INSERT INTO "UsageRollup" ("id", "hourlyFrom", "updatedAt") VALUES (1, '1970-01-01T00:00:00Z', now());
