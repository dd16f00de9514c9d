-- Data only (no schema change): audit actions become one closed set of past-tense names, and every
-- organization's scope catalogue gains the `members:read` management scope.
UPDATE "AuditEvent" SET "action" = CASE "action"
    WHEN 'api_key.create' THEN 'api_key.created'
    WHEN 'api_key.update' THEN 'api_key.updated'
    WHEN 'api_key.renew' THEN 'api_key.renewed'
    WHEN 'api_key.revoke' THEN 'api_key.revoked'
    WHEN 'api_key.delete' THEN 'api_key.deleted'
    WHEN 'resource.ownership_transfer' THEN 'resource.ownership_transferred'
    WHEN 'resource.delete' THEN 'resource.deleted'
    WHEN 'customer_account.renamed' THEN 'customer_account.updated'
    WHEN 'member.sign_in' THEN 'member.signed_in'
    WHEN 'organization.seed' THEN 'organization.seeded'
  END
WHERE "action" IN ('api_key.create', 'api_key.update', 'api_key.renew', 'api_key.revoke', 'api_key.delete',
  'resource.ownership_transfer', 'resource.delete', 'customer_account.renamed', 'member.sign_in', 'organization.seed');

INSERT INTO "Scope" ("id", "organizationId", "name", "description", "kind")
SELECT gen_random_uuid(), "id", 'members:read', 'List the organization''s members with their emails and roles.', 'MANAGEMENT'
FROM "Organization"
ON CONFLICT ("organizationId", "name") DO NOTHING;
