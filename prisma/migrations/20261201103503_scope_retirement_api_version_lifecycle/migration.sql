-- AlterTable
ALTER TABLE "ApiVersion" ADD COLUMN     "deprecatedAt" TIMESTAMPTZ(3),
ADD COLUMN     "sunsetAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "defaultApiVersionId" UUID;

-- AlterTable
ALTER TABLE "Scope" ADD COLUMN     "retiredAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE UNIQUE INDEX "Organization_defaultApiVersionId_key" ON "Organization"("defaultApiVersionId");

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_defaultApiVersionId_fkey" FOREIGN KEY ("defaultApiVersionId") REFERENCES "ApiVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Versions deprecated before this migration: deprecated since now, no sunset announced.
UPDATE "ApiVersion" SET "deprecatedAt" = CURRENT_TIMESTAMP WHERE "deprecated" AND "deprecatedAt" IS NULL;

-- Each organization's default becomes the version new keys got until now: the newest current one.
UPDATE "Organization" o SET "defaultApiVersionId" = (
  SELECT v.id FROM "ApiVersion" v WHERE v."organizationId" = o.id
  ORDER BY v."deprecated" ASC, v."releasedAt" DESC, v."name" DESC LIMIT 1
);
