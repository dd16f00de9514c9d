export { BackupError, backupDataDir, restoreDataDir } from "./backup.ts";
export { type Database, type DatabaseOptions, openDatabase, pgliteExtensions } from "./client.ts";
export { DataDirInUseError, lockDataDir } from "./data-dir-lock.ts";
export * from "./generated/prisma/client.ts";
export { listenForNotifications, type NotificationHandlers, type NotificationListener } from "./listen.ts";
export { applyMigrations, listMigrations, type Migration } from "./migrations.ts";
