import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { SqliteStore } from "../../../lib/store/sqlite/sqliteStore";

const MIGRATIONS = path.resolve(__dirname, "..", "..", "..", "prisma", "migrations");
const ROLLUP_KEYS = "20261206210000_rollup_keys";
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A store file with every migration before ROLLUP_KEYS applied and recorded, as an older Chargeback left it. */
function storeBeforeRollupKeys(): { file: string; db: Database.Database } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chargeback-rollup-keys-"));
  dirs.push(dir);
  const file = path.join(dir, "chargeback.db");
  const db = new Database(file);
  db.exec(`CREATE TABLE "_prisma_migrations" ("id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
  const record = db.prepare("INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name) VALUES (?, '', datetime('now'), ?)");
  const older = fs
    .readdirSync(MIGRATIONS, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name < ROLLUP_KEYS)
    .map((e) => e.name)
    .sort();
  for (const name of older) {
    db.exec(fs.readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8"));
    record.run(name, name);
  }
  return { file, db };
}

const details = "0, 0, 0, 0, 0, 0, 0";
const BIG = 9_007_199_254_740_993n; // past 2^53: carried as an integer, not through a double

describe("migration 20261206210000_rollup_keys", () => {
  it("carries every rollup row over, exactly, under its key's id, and later inserts add to them", async () => {
    const { file, db } = storeBeforeRollupKeys();
    db.exec(`
      INSERT INTO DailyUsage VALUES ('2026-11-10', 'app-1', 'chat', 'gpt-4o', 'eastus', 'chat.completions', 5, 2, ${BIG}, 3, 40, 0, ${BIG + 40n}, 900, ${details});
      INSERT INTO DailyUsage VALUES ('2026-11-11', 'app-1', 'chat', 'gpt-4o', 'eastus', 'chat.completions', 5, 1, 10, 0, 4, 0, 14, 0, ${details});
      INSERT INTO DailyUsage VALUES ('2026-11-11', 'app-2', 'embed', 'ada', 'westus', 'embeddings', 1, 7, 70, 0, 0, 0, 70, 0, ${details});
      INSERT INTO DailyDimensionUsage VALUES ('2026-11-10', 'app-1', 'chat', 'gpt-4o', 'eastus', 'chat.completions', 5, 'endUser', 'ann@example.com', 1, 5, 0, 2, 0, 7, 0, ${details});
      INSERT INTO DailyDimensionUsage VALUES ('2026-11-10', 'app-1', 'chat', 'gpt-4o', 'eastus', 'chat.completions', 5, 'tag:project', 'apollo', 2, ${BIG}, 3, 40, 0, ${BIG + 40n}, 900, ${details});
      INSERT INTO HourlyAppUsage (hour, appId, deployment, requests, promptTokens, cachedTokens, completionTokens, totalTokens, timedRequests, modelTimeMs,
        t100, t200, t300, t500, t750, t1000, t1500, t2000, t3000, t5000, t7500, t10000, t15000, t30000, t60000, tOver)
        VALUES ('2026-11-10T09', 'app-1', 'chat', 2, 20, 3, 40, 60, 1, 900, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
               ('2026-11-10', 'app-1', 'chat', 5, 50, 0, 10, 60, 5, 500, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    `);
    db.close();

    const store = SqliteStore.open(file); // applies the migration
    const daily = await store.listDailyUsage("2026-11-01", "2026-12-01");
    expect(daily.map((d) => [d.day, d.appId, d.deployment, d.model, d.region, d.operation, d.tokenKinds, d.requests, d.promptTokens, d.totalTokens])).toEqual([
      ["2026-11-10", "app-1", "chat", "gpt-4o", "eastus", "chat.completions", 5, 2n, BIG, BIG + 40n],
      ["2026-11-11", "app-1", "chat", "gpt-4o", "eastus", "chat.completions", 5, 1n, 10n, 14n],
      ["2026-11-11", "app-2", "embed", "ada", "westus", "embeddings", 1, 7n, 70n, 70n],
    ]);
    const endUsers = await store.listDailyDimensionUsage("2026-11-01", "2026-12-01", "endUser");
    expect(endUsers.map((d) => [d.day, d.appId, d.value, d.requests, d.totalTokens])).toEqual([["2026-11-10", "app-1", "ann@example.com", 1n, 7n]]);
    const tags = await store.listDailyDimensionUsage("2026-11-01", "2026-12-01", "tag:project");
    expect(tags.map((d) => [d.day, d.model, d.value, d.promptTokens, d.modelTimeMs])).toEqual([["2026-11-10", "gpt-4o", "apollo", BIG, 900n]]);
    const hours = await store.listHourlyAppUsage("app-1", "2026-11-10", "2026-11-11");
    expect(hours.map((h) => [h.hour, h.requests, h.totalTokens, h.buckets[0], h.buckets[5]])).toEqual([
      ["2026-11-10", 5, 60, 5, 0],
      ["2026-11-10T09", 2, 60, 0, 1],
    ]);
    await store.close();

    // Rows the migration carried over are added to, not duplicated, by a later write of their key.
    const after = new Database(file);
    after.exec(`INSERT INTO DailyUsage VALUES ('2026-11-10', 'app-1', 'chat', 'gpt-4o', 'eastus', 'chat.completions', 5, 1, 1, 0, 1, 0, 2, 0, ${details})`);
    const row = after.prepare("SELECT COUNT(*) AS n, SUM(requests) AS r FROM DailyUsage WHERE day = '2026-11-10'").get();
    const keys = after.prepare("SELECT COUNT(*) FROM RollupKey").pluck().get();
    after.close();
    expect(row).toEqual({ n: 1, r: 3 });
    expect(keys).toBe(2);
  });
});
