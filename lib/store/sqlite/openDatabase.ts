import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/**
 * How long a connection waits for another process's write transaction before giving up. Several
 * `chargeback ingest` processes, the worker and the web app may share the file, and an ingest
 * batch is one transaction of up to 50,000 events: seconds, more on a busy machine.
 */
export const BUSY_TIMEOUT_MS = 120_000;

/** Opens the embedded store's file with the settings the ingest writer relies on. */
export function openDatabase(file: string): Database.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // The timeout is set on open, so even the first pragma waits for a writer instead of failing.
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL"); // durable at each checkpoint of the WAL; safe against app crashes
  return db;
}
