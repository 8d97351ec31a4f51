import { loadConfig } from "../config/schema";
import fs from "node:fs";
import { databaseFile } from "../config/databaseUrl";
import { UserError } from "../errors";
import type { UsageStore } from "./port";
import { SqliteStore } from "./sqlite/sqliteStore";

export type OpenOptions = { migrate?: boolean; mustExist?: boolean };

/**
 * Opens the configured store; the embedded SQLite file unless told otherwise. Commands that only
 * read pass `mustExist`, so a mistyped path is an error rather than a new, empty store.
 */
export function openStore(databaseUrl?: string, { migrate = true, mustExist = false }: OpenOptions = {}): UsageStore {
  const file = databaseFile(databaseUrl ?? loadConfig().CHARGEBACK_DATABASE_URL);
  if (mustExist && !fs.existsSync(file)) throw new UserError(`no store at ${file}: import or ingest something first, or check --db`);
  try {
    return SqliteStore.open(file, { migrate });
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    if (/^SQLITE_(NOTADB|CANTOPEN|CORRUPT|READONLY|PERM)/.test(code) || /^E(EXIST|NOTDIR|ACCES|ROFS|ISDIR)$/.test(code)) {
      throw new UserError(`cannot open the store at ${file}: ${(error as Error).message}`);
    }
    throw error;
  }
}

const shared = globalThis as { chargebackStore?: UsageStore };

/** One store per server process, opened on first use (route handlers and pages share it). */
export function getSharedStore(): UsageStore {
  shared.chargebackStore ??= openStore(undefined, { migrate: false });
  return shared.chargebackStore;
}
