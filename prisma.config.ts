import { defineConfig } from "prisma/config";

// Tessera applies its committed migrations itself (packages/db/src/migrate.ts), so the Prisma CLI is
// only used for `prisma generate`; no datasource URL is needed here.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
