// `pnpm db:seed`: loads the demo data into the configured database (applying migrations first).
import { openDatabase } from "@tessera/db";
import { SeedRefusedError, seedDemoData } from "../src/index.ts";

const db = await openDatabase({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: process.env.TESSERA_DATA_DIR ?? "./.data",
});
try {
  await db.migrate();
  console.log((await seedDemoData(db.prisma)) ? "demo data loaded" : "demo data already loaded");
} catch (error) {
  if (!(error instanceof SeedRefusedError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await db.close();
}
