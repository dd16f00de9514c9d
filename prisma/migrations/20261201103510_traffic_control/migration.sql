-- CreateEnum
CREATE TYPE "CreditRefillInterval" AS ENUM ('DAILY', 'MONTHLY');

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "ipAllowlist" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "rateLimits" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "CustomerAccount" ADD COLUMN     "rateLimits" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "ApiKeyCredits" (
    "apiKeyId" UUID NOT NULL,
    "remaining" INTEGER NOT NULL,
    "refillAmount" INTEGER,
    "refillInterval" "CreditRefillInterval",
    "refillDayOfMonth" INTEGER,
    "refilledFor" TIMESTAMPTZ(3),
    "exhaustedFor" TIMESTAMPTZ(3),

    CONSTRAINT "ApiKeyCredits_pkey" PRIMARY KEY ("apiKeyId")
);

-- AddForeignKey
ALTER TABLE "ApiKeyCredits" ADD CONSTRAINT "ApiKeyCredits_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Credits never go below zero, whatever writes them (the spend's own WHERE clause already ensures it).
ALTER TABLE "ApiKeyCredits" ADD CONSTRAINT "ApiKeyCredits_remaining_check" CHECK ("remaining" >= 0);
