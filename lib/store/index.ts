import { loadConfig } from "../config/schema";
import { databaseFile } from "../config/databaseUrl";
import type { UsageStore } from "./port";
import { SqliteStore } from "./sqlite/sqliteStore";

/** Opens the configured store; the embedded SQLite file unless told otherwise. */
export function openStore(databaseUrl?: string, options?: { migrate?: boolean }): UsageStore {
  const config = loadConfig();
  return SqliteStore.open(databaseFile(databaseUrl ?? config.CHARGEBACK_DATABASE_URL), options);
}

const shared = globalThis as { chargebackStore?: UsageStore };

/** One store per server process, opened on first use (route handlers and pages share it). */
export function getSharedStore(): UsageStore {
  shared.chargebackStore ??= openStore(undefined, { migrate: false });
  return shared.chargebackStore;
}
