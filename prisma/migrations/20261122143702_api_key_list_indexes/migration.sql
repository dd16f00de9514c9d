-- Trigram matching for case-insensitive substring search (added by hand: Prisma does not manage
-- extensions without a preview feature). PGlite loads the extension bundle in packages/db.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "ApiKey_organizationId_revokedAt_expiresAt_idx" ON "ApiKey"("organizationId", "revokedAt", "expiresAt");

-- CreateIndex
CREATE INDEX "ApiKey_name_trgm_idx" ON "ApiKey" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "ApiKey_description_trgm_idx" ON "ApiKey" USING GIN ("description" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "ApiKey_hint_trgm_idx" ON "ApiKey" USING GIN ("hint" gin_trgm_ops);
