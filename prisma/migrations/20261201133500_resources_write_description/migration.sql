-- The management scope resources:write grants more than its first description said (issue 18 gave
-- keys rename, move, delete, access and ownership on resources they own or may WRITE). Organizations
-- hold their own copy of each management scope's description: update the copies still saying the old
-- text (a description an organization changed itself is left alone).
UPDATE "Scope"
SET "description" = 'Create resources (the key becomes their owner), and rename, move, delete, share or hand over those it owns or was given WRITE access to.'
WHERE "name" = 'resources:write' AND "description" = 'Create resources; the key becomes their owner.';
