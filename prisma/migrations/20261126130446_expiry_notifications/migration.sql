-- CreateEnum
CREATE TYPE "OutboxKind" AS ENUM ('EMAIL', 'WEBHOOK');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "KeyExpiryMilestone" (
    "id" UUID NOT NULL,
    "apiKeyId" UUID NOT NULL,
    "keyExpiresAt" TIMESTAMPTZ(3) NOT NULL,
    "milestone" "ExpiryMilestone" NOT NULL,
    "reachedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "KeyExpiryMilestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "kind" "OutboxKind" NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "payload" JSONB NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL,
    "lastError" TEXT,
    "lastResponseCode" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "sentAt" TIMESTAMPTZ(3),
    "expiryNoticeId" UUID,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "KeyExpiryMilestone_apiKeyId_keyExpiresAt_milestone_key" ON "KeyExpiryMilestone"("apiKeyId", "keyExpiresAt", "milestone");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_expiryNoticeId_key" ON "OutboxMessage"("expiryNoticeId");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_organizationId_idx" ON "OutboxMessage"("organizationId");

-- AddForeignKey
ALTER TABLE "KeyExpiryMilestone" ADD CONSTRAINT "KeyExpiryMilestone_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_expiryNoticeId_fkey" FOREIGN KEY ("expiryNoticeId") REFERENCES "ExpiryNotice"("id") ON DELETE CASCADE ON UPDATE CASCADE;
