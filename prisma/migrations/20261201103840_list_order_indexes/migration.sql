-- DropIndex
DROP INDEX "ApiKey_organizationId_expiresAt_idx";

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "userAgent" TEXT;

-- CreateIndex
CREATE INDEX "ApiKey_organizationId_lastUsedAt_id_idx" ON "ApiKey"("organizationId", "lastUsedAt", "id");

-- CreateIndex (NULLS LAST added by hand: never-used keys sort last in both directions, and Prisma's
-- schema cannot say where an index puts nulls)
CREATE INDEX "ApiKey_organizationId_lastUsedAt_desc_id_idx" ON "ApiKey"("organizationId", "lastUsedAt" DESC NULLS LAST, "id");

-- CreateIndex (NULLS FIRST added by hand: orderBy STATUS puts unrevoked keys first)
CREATE INDEX "ApiKey_organizationId_status_order_idx" ON "ApiKey"("organizationId", "revokedAt" NULLS FIRST, "expiresAt" DESC, "id");

-- CreateIndex
CREATE INDEX "ApiKey_organizationId_expiresAt_id_idx" ON "ApiKey"("organizationId", "expiresAt", "id");

-- CreateIndex
CREATE INDEX "ApiKey_organizationId_createdByKeyId_createdAt_idx" ON "ApiKey"("organizationId", "createdByKeyId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "CustomerAccount_organizationId_name_id_idx" ON "CustomerAccount"("organizationId", "name", "id");

-- CreateIndex
CREATE INDEX "CustomerAccount_organizationId_status_id_idx" ON "CustomerAccount"("organizationId", "status", "id");

-- CreateIndex
CREATE INDEX "Resource_organizationId_name_id_idx" ON "Resource"("organizationId", "name", "id");

-- CreateIndex
CREATE INDEX "Resource_organizationId_kind_id_idx" ON "Resource"("organizationId", "kind", "id");
