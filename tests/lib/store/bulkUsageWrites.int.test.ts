import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createLineIdentities } from "../../../lib/events/lineIdentity";
import { prepareUsageBatch } from "../../../lib/events/processUsageBatch";
import type { UsageBatch } from "../../../lib/store/port";
import { saveInBulk } from "../../../lib/store/sqlite/bulkUsageWrites";
import { createUsageWriter } from "../../../lib/store/sqlite/usageWriter";
import { v1Event } from "../../support/ingest";
import { freshStore } from "../../support/store";

const batch = (from: number, to: number, overrides: Record<string, unknown> = {}): UsageBatch => ({
  ...prepareUsageBatch(
    Array.from({ length: to - from }, (_, i) => ({ text: v1Event({ requestId: `bulk-${from + i}`, ...overrides }), source: `bulk.ndjson:${from + i}` })),
    createLineIdentities(),
  ),
  receivedAt: Date.UTC(2026, 10, 10, 12),
});
async function* batches(...list: UsageBatch[]) {
  yield* list;
}
const count = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT count(*) FROM UsageEvent").pluck().get() as number;
  } finally {
    db.close();
  }
};

describe("a bulk load into SQLite (several batches to a transaction)", () => {
  it("rolls back the batches not yet committed when one fails, and a re-run adds each event exactly once", async () => {
    const { store, file } = freshStore();
    const db = new Database(file);
    db.exec("CREATE TRIGGER refuse BEFORE INSERT ON UsageEvent WHEN NEW.appId = 'app-full' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    const all = () => batches(batch(0, 50), batch(50, 120), batch(120, 121, { appId: "app-full" }));
    const heard: number[] = [];
    await expect(store.saveUsageBatches(all(), (_, result) => heard.push(result.inserted.filter(Boolean).length))).rejects.toThrow(/disk is full/);
    expect(heard).toEqual([50, 70]); // written in the open transaction, then rolled back with it
    expect(count(file)).toBe(0);

    db.exec("DROP TRIGGER refuse");
    db.close();
    const inserted: number[] = [];
    await store.saveUsageBatches(all(), (_, result) => inserted.push(result.inserted.filter(Boolean).length));
    expect(inserted).toEqual([50, 70, 1]);
    const again: number[] = [];
    await store.saveUsageBatches(all(), (_, result) => again.push(result.inserted.filter(Boolean).length));
    expect(again).toEqual([0, 0, 0]);
    expect(count(file)).toBe(121);
    const [row] = await store.listDailyUsage("2026-11-10", "2026-11-11");
    expect(row).toMatchObject({ requests: 120n, totalTokens: 132_000n });
  });
});

describe("a bulk load's checkpoints", () => {
  it("are made on another thread: the writing connection makes none meanwhile, yet the database file holds every commit afterwards", async () => {
    const { file, dir } = freshStore();
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    const write = createUsageWriter(db);
    const autocheckpoint: number[] = [];
    const cacheBefore = db.pragma("cache_size", { simple: true });
    await saveInBulk(
      db,
      write,
      batches(batch(0, 40), batch(40, 80), batch(80, 120)),
      () => autocheckpoint.push(db.pragma("wal_autocheckpoint", { simple: true }) as number),
      { maxEvents: 40, withinMs: 60_000, logMostBytes: 2 ** 40 },
    );
    expect(autocheckpoint).toEqual([0, 0, 0]);
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    expect(db.pragma("cache_size", { simple: true })).toBe(cacheBefore); // the load's larger cache is given back too
    // The database file alone, without its log: only a checkpoint puts the commits there.
    const alone = path.join(dir, "alone.db");
    fs.copyFileSync(file, alone);
    expect(count(alone)).toBe(120);
    db.close();
  });

  it("keep the log within its bound: past it, the next transaction waits for the copy and the log starts over", async () => {
    const logAfterLoad = async (logMostBytes: number) => {
      const { file } = freshStore();
      const db = new Database(file);
      db.pragma("journal_mode = WAL");
      const five = batches(batch(0, 40), batch(40, 80), batch(80, 120), batch(120, 160), batch(160, 200));
      await saveInBulk(db, createUsageWriter(db), five, () => {}, { maxEvents: 40, withinMs: 60_000, logMostBytes });
      const size = fs.statSync(`${file}-wal`).size;
      expect(count(file)).toBe(200);
      db.close();
      return size;
    };
    const unbounded = await logAfterLoad(2 ** 40);
    const bounded = await logAfterLoad(0);
    // Copied behind the writer, five commits follow one another in the log; bounded, each starts it over.
    expect(unbounded).toBeGreaterThan(3 * bounded);
  });
});

describe("a bulk load's bounded log", () => {
  it("waits only at the commit past the bound: the log then starts over smaller, and the next commits go on behind the copy", async () => {
    const { file } = freshStore();
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    const sizes: number[] = [];
    async function* twelve() {
      for (let k = 0; k < 12; k++) yield batch(k * 40, k * 40 + 40);
    }
    const logMostBytes = 100_000; // about two and a half of these commits
    // Each batch is written, not yet committed, when heard: the log's size is the one the commits before it left.
    await saveInBulk(db, createUsageWriter(db), twelve(), () => sizes.push(fs.statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0), {
      maxEvents: 40,
      withinMs: 60_000,
      logMostBytes,
    });
    const past = sizes.findIndex((size) => size > logMostBytes);
    expect(past).toBeGreaterThan(0);
    // Once started over, the file is as small as the log again (it would otherwise keep its largest size, and every commit would wait).
    expect(sizes.slice(past + 1).some((size) => size < logMostBytes / 2)).toBe(true);
    expect(db.pragma("journal_size_limit", { simple: true })).toBe(-1); // given back
    expect(count(file)).toBe(480);
    db.close();
  });
});
