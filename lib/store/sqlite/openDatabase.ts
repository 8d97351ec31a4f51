import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/** Opens the embedded store's file with the settings the ingest writer relies on. */
export function openDatabase(file: string): Database.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL"); // durable at each checkpoint of the WAL; safe against app crashes
  db.pragma("busy_timeout = 5000");
  return db;
}
