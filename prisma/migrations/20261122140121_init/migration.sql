-- CreateEnum
CREATE TYPE "MemberRole" AS ENUM ('OWNER', 'ADMIN', 'EDITOR', 'VIEWER');

-- CreateEnum
CREATE TYPE "KeyRole" AS ENUM ('EDITOR', 'VIEWER');

-- CreateEnum
CREATE TYPE "CustomerAccountStatus" AS ENUM ('ACTIVE', 'SUSPENDED', 'CLOSED');

-- CreateEnum
CREATE TYPE "ScopeKind" AS ENUM ('DOMAIN', 'MANAGEMENT');

-- CreateEnum
CREATE TYPE "ResourceKind" AS ENUM ('VEHICLE', 'VEHICLE_GROUP', 'DATA_SOURCE', 'PROJECT');

-- CreateEnum
CREATE TYPE "Permission" AS ENUM ('READ', 'WRITE', 'ADMIN');

-- CreateEnum
CREATE TYPE "ExpiryMilestone" AS ENUM ('DAYS_90', 'DAYS_30', 'DAYS_14', 'DAYS_7', 'DAYS_1', 'EXPIRED');

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organization" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "role" "MemberRole" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "ipAddress" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerAccount" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "status" "CustomerAccountStatus" NOT NULL DEFAULT 'ACTIVE',
    "token" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CustomerAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiVersion" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "deprecated" BOOLEAN NOT NULL DEFAULT false,
    "releasedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Scope" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "kind" "ScopeKind" NOT NULL DEFAULT 'DOMAIN',

    CONSTRAINT "Scope_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "hashedKey" TEXT NOT NULL,
    "hint" TEXT NOT NULL,
    "role" "KeyRole" NOT NULL DEFAULT 'VIEWER',
    "apiVersionId" UUID NOT NULL,
    "allScopes" BOOLEAN NOT NULL DEFAULT true,
    "allResources" BOOLEAN NOT NULL DEFAULT true,
    "allCustomerAccounts" BOOLEAN NOT NULL DEFAULT true,
    "origins" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "userAgent" TEXT,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastUsedAt" TIMESTAMPTZ(3),
    "renewedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "revokedReason" TEXT,
    "revokedByUserId" UUID,
    "revokedByKeyId" UUID,
    "createdByUserId" UUID,
    "createdByKeyId" UUID,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKeyScope" (
    "apiKeyId" UUID NOT NULL,
    "scopeId" UUID NOT NULL,

    CONSTRAINT "ApiKeyScope_pkey" PRIMARY KEY ("apiKeyId","scopeId")
);

-- CreateTable
CREATE TABLE "ApiKeyResource" (
    "apiKeyId" UUID NOT NULL,
    "resourceId" UUID NOT NULL,

    CONSTRAINT "ApiKeyResource_pkey" PRIMARY KEY ("apiKeyId","resourceId")
);

-- CreateTable
CREATE TABLE "ApiKeyCustomerAccount" (
    "apiKeyId" UUID NOT NULL,
    "customerAccountId" UUID NOT NULL,

    CONSTRAINT "ApiKeyCustomerAccount_pkey" PRIMARY KEY ("apiKeyId","customerAccountId")
);

-- CreateTable
CREATE TABLE "Resource" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "kind" "ResourceKind" NOT NULL,
    "name" TEXT NOT NULL,
    "parentId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Resource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResourceOwner" (
    "id" UUID NOT NULL,
    "resourceId" UUID NOT NULL,
    "userId" UUID,
    "apiKeyId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ResourceOwner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessControlEntry" (
    "id" UUID NOT NULL,
    "resourceId" UUID NOT NULL,
    "userId" UUID,
    "apiKeyId" UUID,
    "permission" "Permission" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccessControlEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "actorUserId" UUID,
    "actorApiKeyId" UUID,
    "actorLabel" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "targetLabel" TEXT,
    "sourceAddress" TEXT,
    "changes" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExpiryNotice" (
    "id" UUID NOT NULL,
    "apiKeyId" UUID NOT NULL,
    "recipientUserId" UUID NOT NULL,
    "milestone" "ExpiryMilestone" NOT NULL,
    "keyExpiresAt" TIMESTAMPTZ(3) NOT NULL,
    "claimedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "ExpiryNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Organization_slug_key" ON "Organization"("slug");

-- CreateIndex
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_organizationId_userId_key" ON "Membership"("organizationId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerAccount_token_key" ON "CustomerAccount"("token");

-- CreateIndex
CREATE INDEX "CustomerAccount_organizationId_createdAt_id_idx" ON "CustomerAccount"("organizationId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "CustomerAccount_organizationId_status_createdAt_idx" ON "CustomerAccount"("organizationId", "status", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "ApiVersion_organizationId_name_key" ON "ApiVersion"("organizationId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Scope_organizationId_name_key" ON "Scope"("organizationId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hashedKey_key" ON "ApiKey"("hashedKey");

-- CreateIndex
CREATE INDEX "ApiKey_organizationId_createdAt_id_idx" ON "ApiKey"("organizationId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "ApiKey_organizationId_expiresAt_idx" ON "ApiKey"("organizationId", "expiresAt");

-- CreateIndex
CREATE INDEX "ApiKey_organizationId_apiVersionId_createdAt_idx" ON "ApiKey"("organizationId", "apiVersionId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "ApiKey_organizationId_createdByUserId_createdAt_idx" ON "ApiKey"("organizationId", "createdByUserId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "ApiKey_expiresAt_idx" ON "ApiKey"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_organizationId_name_key" ON "ApiKey"("organizationId", "name");

-- CreateIndex
CREATE INDEX "ApiKeyScope_scopeId_idx" ON "ApiKeyScope"("scopeId");

-- CreateIndex
CREATE INDEX "ApiKeyResource_resourceId_idx" ON "ApiKeyResource"("resourceId");

-- CreateIndex
CREATE INDEX "ApiKeyCustomerAccount_customerAccountId_idx" ON "ApiKeyCustomerAccount"("customerAccountId");

-- CreateIndex
CREATE INDEX "Resource_organizationId_createdAt_id_idx" ON "Resource"("organizationId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Resource_organizationId_kind_createdAt_idx" ON "Resource"("organizationId", "kind", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Resource_parentId_idx" ON "Resource"("parentId");

-- CreateIndex
CREATE INDEX "ResourceOwner_userId_idx" ON "ResourceOwner"("userId");

-- CreateIndex
CREATE INDEX "ResourceOwner_apiKeyId_idx" ON "ResourceOwner"("apiKeyId");

-- CreateIndex
CREATE UNIQUE INDEX "ResourceOwner_resourceId_userId_key" ON "ResourceOwner"("resourceId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "ResourceOwner_resourceId_apiKeyId_key" ON "ResourceOwner"("resourceId", "apiKeyId");

-- CreateIndex
CREATE INDEX "AccessControlEntry_userId_idx" ON "AccessControlEntry"("userId");

-- CreateIndex
CREATE INDEX "AccessControlEntry_apiKeyId_idx" ON "AccessControlEntry"("apiKeyId");

-- CreateIndex
CREATE UNIQUE INDEX "AccessControlEntry_resourceId_userId_permission_key" ON "AccessControlEntry"("resourceId", "userId", "permission");

-- CreateIndex
CREATE UNIQUE INDEX "AccessControlEntry_resourceId_apiKeyId_permission_key" ON "AccessControlEntry"("resourceId", "apiKeyId", "permission");

-- CreateIndex
CREATE INDEX "AuditEvent_organizationId_createdAt_id_idx" ON "AuditEvent"("organizationId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "AuditEvent_organizationId_action_createdAt_idx" ON "AuditEvent"("organizationId", "action", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_organizationId_targetId_idx" ON "AuditEvent"("organizationId", "targetId");

-- CreateIndex
CREATE INDEX "AuditEvent_organizationId_actorUserId_idx" ON "AuditEvent"("organizationId", "actorUserId");

-- CreateIndex
CREATE INDEX "AuditEvent_organizationId_actorApiKeyId_idx" ON "AuditEvent"("organizationId", "actorApiKeyId");

-- CreateIndex
CREATE INDEX "ExpiryNotice_recipientUserId_idx" ON "ExpiryNotice"("recipientUserId");

-- CreateIndex
CREATE UNIQUE INDEX "ExpiryNotice_apiKeyId_milestone_recipientUserId_keyExpiresA_key" ON "ExpiryNotice"("apiKeyId", "milestone", "recipientUserId", "keyExpiresAt");

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerAccount" ADD CONSTRAINT "CustomerAccount_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiVersion" ADD CONSTRAINT "ApiVersion_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scope" ADD CONSTRAINT "Scope_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_apiVersionId_fkey" FOREIGN KEY ("apiVersionId") REFERENCES "ApiVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_createdByUserId_fkey" FOREIGN KEY ("createdByUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_revokedByUserId_fkey" FOREIGN KEY ("revokedByUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyScope" ADD CONSTRAINT "ApiKeyScope_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyScope" ADD CONSTRAINT "ApiKeyScope_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "Scope"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyResource" ADD CONSTRAINT "ApiKeyResource_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyResource" ADD CONSTRAINT "ApiKeyResource_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Resource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyCustomerAccount" ADD CONSTRAINT "ApiKeyCustomerAccount_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyCustomerAccount" ADD CONSTRAINT "ApiKeyCustomerAccount_customerAccountId_fkey" FOREIGN KEY ("customerAccountId") REFERENCES "CustomerAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Resource" ADD CONSTRAINT "Resource_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Resource" ADD CONSTRAINT "Resource_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Resource"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResourceOwner" ADD CONSTRAINT "ResourceOwner_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Resource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResourceOwner" ADD CONSTRAINT "ResourceOwner_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResourceOwner" ADD CONSTRAINT "ResourceOwner_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessControlEntry" ADD CONSTRAINT "AccessControlEntry_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Resource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessControlEntry" ADD CONSTRAINT "AccessControlEntry_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessControlEntry" ADD CONSTRAINT "AccessControlEntry_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpiryNotice" ADD CONSTRAINT "ExpiryNotice_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpiryNotice" ADD CONSTRAINT "ExpiryNotice_recipientUserId_fkey" FOREIGN KEY ("recipientUserId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: a resource owner or access-control entry names exactly one principal (member or key).
ALTER TABLE "ResourceOwner" ADD CONSTRAINT "ResourceOwner_one_principal" CHECK (("userId" IS NULL) <> ("apiKeyId" IS NULL));
ALTER TABLE "AccessControlEntry" ADD CONSTRAINT "AccessControlEntry_one_principal" CHECK (("userId" IS NULL) <> ("apiKeyId" IS NULL));
