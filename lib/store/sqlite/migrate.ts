import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const MIGRATIONS = path.join(ROOT, "prisma", "migrations");

/** Migration folders not yet applied to this database. */
export function pendingMigrations(db: Database.Database): string[] {
  const known = fs
    .readdirSync(MIGRATIONS, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='_prisma_migrations'").get();
  if (!hasTable) return known;
  const applied = new Set(
    db.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL").pluck().all() as string[],
  );
  return known.filter((name) => !applied.has(name));
}

/**
 * Brings the schema up to date with Prisma's own `migrate deploy`, only when something is pending.
 * Runs before the store opens its own connections: the schema engine wants the file to itself.
 */
export function ensureMigrated(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const probe = new Database(file);
  let pending: string[];
  try {
    pending = pendingMigrations(probe);
  } finally {
    probe.close();
  }
  if (pending.length === 0) return;
  const cli = require.resolve("prisma/build/index.js");
  try {
    execFileSync(process.execPath, [cli, "migrate", "deploy", "--config", path.join(ROOT, "prisma.config.ts")], {
      cwd: ROOT,
      env: { ...process.env, CHARGEBACK_DATABASE_URL: `file:${file}`, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const output = (error as { stderr?: Buffer; stdout?: Buffer }).stderr?.toString() ?? "";
    throw new Error(`could not migrate ${file}: ${output.trim().split("\n").pop() ?? error}`);
  }
}
