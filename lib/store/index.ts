import { loadConfig } from "../config/schema";
import fs from "node:fs";
import { databaseFile } from "../config/databaseUrl";
import { UserError } from "../core/errors";
import { cosmosOptions } from "./cosmosOptions";
import type { UsageStore } from "./port";
import { SqliteStore } from "./sqlite/sqliteStore";

export type OpenOptions = { migrate?: boolean; mustExist?: boolean };

/**
 * Opens the configured store (`CHARGEBACK_STORE`): the embedded SQLite file unless told otherwise,
 * or Cosmos DB, whose database and containers are created on first use when `migrate` is on.
 * Commands that only read pass `mustExist`, so a mistyped path is an error rather than a new,
 * empty store. `databaseUrl` (--db) names a SQLite file and is not used with Cosmos DB.
 */
export function openStore(databaseUrl?: string, { migrate = true, mustExist = false }: OpenOptions = {}): UsageStore {
  const config = loadConfig();
  if (config.CHARGEBACK_STORE === "cosmos") {
    // Loaded only when used: the Cosmos SDK is a second or more of start-up and tens of MB of heap
    // for every CLI command. (Node's own require, so an in-process Vitest test opens CosmosStore itself.)
    const { CosmosStore } = require("./cosmos/cosmosStore") as typeof import("./cosmos/cosmosStore");
    return CosmosStore.open(cosmosOptions(config), { create: migrate, mustExist });
  }
  const file = databaseFile(databaseUrl ?? config.CHARGEBACK_DATABASE_URL);
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
