-- Issue 16: management is never implied. "All scopes" on a key now means every DATA scope of its
-- organization; management scopes (keys:*, accounts:*, resources:*, members:read, webhooks:*) are
-- held only by name, and a VIEWER key holds read management scopes only.

-- The enum value DOMAIN becomes DATA (renamed in place: the rows follow).
ALTER TYPE "ScopeKind" RENAME VALUE 'DOMAIN' TO 'DATA';
ALTER TABLE "Scope" ALTER COLUMN "kind" SET DEFAULT 'DATA';

-- All-scopes keys lose the management power they held implicitly. Nothing is stored for it (an
-- all-scopes key has no scope rows), so nothing is deleted; each such key gets one audit event,
-- recorded by Tessera itself, naming the management scopes it no longer holds.
INSERT INTO "AuditEvent" ("id", "organizationId", "action", "actorLabel", "targetType", "targetId", "targetLabel", "changes")
SELECT gen_random_uuid(), k."organizationId", 'api_key.management_scopes_removed', 'system', 'ApiKey', k."id"::text, k."name",
  jsonb_build_object(
    'managementScopes', jsonb_build_object(
      'from', COALESCE((SELECT jsonb_agg(s."name" ORDER BY s."name") FROM "Scope" s
                        WHERE s."organizationId" = k."organizationId" AND s."kind" = 'MANAGEMENT'), '[]'::jsonb),
      'to', '[]'::jsonb),
    'reason', 'All scopes no longer include management scopes; grant them by name.')
FROM "ApiKey" k
WHERE k."allScopes";

-- A VIEWER key keeps its explicitly granted read management scopes but loses write ones: one audit
-- event per key, then the rows go. Other explicitly granted management scopes stay.
INSERT INTO "AuditEvent" ("id", "organizationId", "action", "actorLabel", "targetType", "targetId", "targetLabel", "changes")
SELECT gen_random_uuid(), k."organizationId", 'api_key.management_scopes_removed', 'system', 'ApiKey', k."id"::text, k."name",
  jsonb_build_object(
    'managementScopes', jsonb_build_object(
      'from', (SELECT jsonb_agg(s."name" ORDER BY s."name") FROM "ApiKeyScope" ks JOIN "Scope" s ON s."id" = ks."scopeId"
               WHERE ks."apiKeyId" = k."id" AND s."kind" = 'MANAGEMENT'),
      'to', COALESCE((SELECT jsonb_agg(s."name" ORDER BY s."name") FROM "ApiKeyScope" ks JOIN "Scope" s ON s."id" = ks."scopeId"
                      WHERE ks."apiKeyId" = k."id" AND s."kind" = 'MANAGEMENT' AND s."name" NOT LIKE '%:write'), '[]'::jsonb)),
    'reason', 'A VIEWER key may hold read management scopes only.')
FROM "ApiKey" k
WHERE k."role" = 'VIEWER'
  AND EXISTS (SELECT 1 FROM "ApiKeyScope" ks JOIN "Scope" s ON s."id" = ks."scopeId"
              WHERE ks."apiKeyId" = k."id" AND s."kind" = 'MANAGEMENT' AND s."name" LIKE '%:write');

DELETE FROM "ApiKeyScope" ks
USING "Scope" s, "ApiKey" k
WHERE s."id" = ks."scopeId" AND k."id" = ks."apiKeyId"
  AND k."role" = 'VIEWER' AND s."kind" = 'MANAGEMENT' AND s."name" LIKE '%:write';
