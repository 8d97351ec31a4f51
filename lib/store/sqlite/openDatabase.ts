import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { loadConfig } from "../../config/schema";

/**
 * How long a connection waits for another process's write transaction before giving up. Several
 * `chargeback ingest` processes, the worker and the web app may share the file, and an ingest
 * load commits at least every 10 s (bulkUsageWrites.ts): seconds, more on a busy machine.
 * `CHARGEBACK_SQLITE_BUSY_TIMEOUT_SECONDS` (default 120) sets it, once per process.
 */
let busyTimeoutMs: number | undefined;
export const busyTimeout = () => (busyTimeoutMs ??= loadConfig().CHARGEBACK_SQLITE_BUSY_TIMEOUT_SECONDS * 1000);

/** Opens the embedded store's file with the settings the ingest writer relies on. */
export function openDatabase(file: string): Database.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // The timeout is set on open, so even the first pragma waits for a writer instead of failing.
  const db = new Database(file, { timeout: busyTimeout() });
  switchToWal(db);
  db.pragma("synchronous = NORMAL"); // durable at each checkpoint of the WAL; safe against app crashes
  return db;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Switches the file to WAL. On a new file the switch needs the file to itself, and SQLite refuses
 * it at once (SQLITE_BUSY, without its busy handler) while another process has it open: two
 * commands started together on one new store. So the switch is retried, within the busy timeout.
 */
function switchToWal(db: Database.Database): void {
  const until = performance.now() + busyTimeout();
  for (;;) {
    try {
      db.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "SQLITE_BUSY" || performance.now() > until) throw error;
      Atomics.wait(pause, 0, 0, 20);
    }
  }
}
