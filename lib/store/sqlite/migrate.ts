import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { UserError } from "../../core/errors";
import { busyTimeout } from "./openDatabase";

// Next to this file in a clone (CLI, worker); the web server's bundle moves this file, and runs
// from the app's root, so there the working directory finds them.
const MIGRATIONS =
  [path.resolve(__dirname, "..", "..", "..", "prisma", "migrations"), path.resolve(process.cwd(), "prisma", "migrations")].find((dir) => fs.existsSync(dir)) ??
  path.resolve(__dirname, "..", "..", "..", "prisma", "migrations");

// Prisma's own table, so `prisma migrate status` and later Prisma tooling read what was applied.
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const migrationFolders = () =>
  fs
    .readdirSync(MIGRATIONS, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

const hasMigrationsTable = (db: Database.Database) =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='_prisma_migrations'").get() !== undefined;

/** Migration folders not yet applied to this database. */
export function pendingMigrations(db: Database.Database): string[] {
  const known = migrationFolders();
  if (!hasMigrationsTable(db)) return known;
  const applied = new Set(
    db.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL").pluck().all() as string[],
  );
  return known.filter((name) => !applied.has(name));
}

/**
 * Brings the schema up to date, each migration in one transaction with its record: SQLite's DDL
 * is transactional, so a migration interrupted by a kill, a full disk or an error leaves nothing
 * of itself, and the next command applies it again. (Prisma's `migrate deploy` applies a SQLite
 * migration statement by statement: interrupted, it left a half-applied schema and a failed
 * record that every later run refused.) Several processes may migrate one file at once: each
 * migration is re-checked once the write lock is held.
 */
export function ensureMigrated(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: busyTimeout() });
  try {
    const pending = pendingMigrations(db);
    if (pending.length === 0) return;
    db.exec(MIGRATIONS_TABLE);
    const broken = db.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NULL AND rolled_back_at IS NULL").pluck().get();
    if (broken) {
      throw new UserError(
        `the store ${file} holds migration ${broken} half-applied by an older Chargeback: restore the file from a backup (its usage can be ingested again)`,
      );
    }
    const isApplied = db.prepare("SELECT 1 FROM _prisma_migrations WHERE migration_name = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL");
    const record = db.prepare(
      "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)",
    );
    for (const name of pending) {
      const sql = fs.readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8");
      const apply = db.transaction(() => {
        if (isApplied.get(name)) return; // another process got there first
        const startedAt = new Date().toISOString();
        db.exec(sql);
        record.run(randomUUID(), createHash("sha256").update(sql).digest("hex"), new Date().toISOString(), name, startedAt);
      });
      try {
        apply.immediate();
      } catch (error) {
        const cause = (error as Error).message.split("\n")[0];
        throw new UserError(`could not migrate ${file}: ${name} failed (${cause}); nothing of it was applied: remove the cause and run the command again`);
      }
    }
  } finally {
    db.close();
  }
}
