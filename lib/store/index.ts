import { databaseFile } from "../config/databaseUrl";
import type { UsageStore } from "./port";
import { SqliteStore } from "./sqlite/sqliteStore";

/** Opens the configured store; the embedded SQLite file unless told otherwise. */
export function openStore(databaseUrl: string | undefined): UsageStore {
  return SqliteStore.open(databaseFile(databaseUrl));
}
