/**
 * `pnpm tessera <command>`: operator commands run next to the server, on the same database settings
 * (DATABASE_URL or the embedded TESSERA_DATA_DIR, which must not be open in a running server).
 *
 *   create-owner --email <address> --organization "<name>" [--slug <slug>]
 */
import { systemClock } from "@tessera/core";
import { DataDirInUseError, openDatabase } from "@tessera/db";
import { createOwnerCommand, createOwnerUsage } from "./cli/create-owner.ts";
import { ConfigError, loadConfig, teamSettings } from "./config.ts";

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  const print = (line: string) => process.stdout.write(`${line}\n`);
  if (command !== "create-owner") {
    print(`Unknown command "${command ?? ""}".\n${createOwnerUsage}`);
    return 2;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    print(`invalid configuration: ${error.message}`);
    return 2;
  }
  let db: Awaited<ReturnType<typeof openDatabase>>;
  try {
    db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    print(
      `${error.message}\nStop the server first (the embedded database has one user at a time), then run this again.`,
    );
    return 1;
  }
  try {
    await db.migrate();
    return await createOwnerCommand(args, {
      prisma: db.prisma,
      clock: systemClock,
      team: teamSettings(config),
      print,
    });
  } finally {
    await db.close();
  }
}

process.exit(await main());
