import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { demoHistory } from "../../../ingest/worker/demo/demoEvents";
import { demoOrganisation } from "../../../ingest/worker/demo/demoOrganisation";
import { seededRandom } from "../../../ingest/worker/demo/random";
import { createLineIdentities } from "../../../lib/events/lineIdentity";
import { prepareUsageBatch } from "../../../lib/events/processUsageBatch";
import { BUCKET_COLUMNS } from "../../../lib/events/modelTimeBuckets";
import { TOKEN_DETAILS } from "../../../lib/pricing/billedTokens";
import type { UsageBatch } from "../../../lib/store/port";
import { USAGE_SUMS } from "../../../lib/store/rollupFields";
import { saveInBulk } from "../../../lib/store/sqlite/bulkUsageWrites";
import { createUsageWriter, type WriteSums } from "../../../lib/store/sqlite/usageWriter";
import { v1Event } from "../../support/ingest";
import { freshStore } from "../../support/store";

const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");
const DAILY = ["day", "appId", "deployment", "model", "region", "operation", "tokenKinds", ...USAGE_SUMS, ...TOKEN_DETAILS];
const HOURLY = [
  "hour",
  "appId",
  "deployment",
  "requests",
  "promptTokens",
  "cachedTokens",
  "completionTokens",
  "totalTokens",
  "timedRequests",
  "modelTimeMs",
  ...BUCKET_COLUMNS,
];

/**
 * The writer as it was before rollups went straight into the *Sums tables: the same facts and
 * in-memory sums, each row inserted into the views, whose triggers find or add its keys.
 */
function writerThroughViews(db: Database.Database) {
  const daily = db.prepare(`INSERT INTO DailyUsage (${DAILY.join(", ")}) VALUES (${placeholders(DAILY.length)})`);
  const hourly = db.prepare(`INSERT INTO HourlyAppUsage (${HOURLY.join(", ")}) VALUES (${placeholders(HOURLY.length)})`);
  const dimension = db.prepare(`INSERT INTO DailyDimensionUsage (${[...DAILY, "dimension", "value"].join(", ")}) VALUES (${placeholders(DAILY.length + 2)})`);
  const outcome = db.prepare(
    `INSERT INTO DailyOutcome (day, appId, outcome, requests, usageUnknown) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (day, appId, outcome) DO UPDATE SET requests = requests + excluded.requests, usageUnknown = usageUnknown + excluded.usageUnknown`,
  );
  const warning = db.prepare(
    `INSERT INTO IngestWarning (source, reason, count, firstAt, lastAt, lastEventId) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (source, reason) DO UPDATE SET count = count + excluded.count, lastAt = excluded.lastAt, lastEventId = excluded.lastEventId`,
  );
  const writeSums: WriteSums = ({ rollups, hourly: hours, breakdowns }) => {
    for (const row of rollups.values()) daily.run(...row);
    for (const row of hours.values()) hourly.run(...row);
    for (const byDimension of breakdowns.dimensions.values()) for (const rows of byDimension.values()) for (const row of rows.values()) dimension.run(...row);
    for (const row of breakdowns.outcomes.values()) outcome.run(...row);
    for (const row of breakdowns.warnings.values()) warning.run(...row);
  };
  return createUsageWriter(db, { writeSums });
}

/** Every rollup row a store holds, by its keys' text (key ids may differ between stores), exact. */
function rollupRows(file: string) {
  const db = new Database(file, { readonly: true });
  db.defaultSafeIntegers(true);
  try {
    const all = (table: string) => {
      const columns = db.prepare(`SELECT * FROM ${table}`).columns().length;
      return db.prepare(`SELECT * FROM ${table} ORDER BY ${Array.from({ length: columns }, (_, i) => i + 1).join(", ")}`).all() as Record<string, unknown>[];
    };
    return {
      daily: all("DailyUsage"),
      hourly: all("HourlyAppUsage"),
      dimensions: all("DailyDimensionUsage"),
      outcomes: all("DailyOutcome"),
      warnings: all("IngestWarning"),
      facts: db.prepare("SELECT count(*) FROM UsageEvent").pluck().get(),
    };
  } finally {
    db.close();
  }
}

const toBatch = (lines: readonly string[], from: number): UsageBatch => ({
  ...prepareUsageBatch(
    lines.map((text, i) => ({ text, source: `demo.ndjson:${from + i}` })),
    createLineIdentities(),
  ),
  receivedAt: Date.UTC(2026, 10, 20, 12) + from,
});
async function* each(batches: readonly UsageBatch[]) {
  yield* batches;
}
const refuseApp = (file: string, appId: string) => {
  const db = new Database(file);
  db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON UsageEvent WHEN NEW.appId = '${appId}' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
  return () => {
    db.exec("DROP TRIGGER refuse");
    db.close();
  };
};

describe("rollups written by key id", () => {
  it("are row for row what the views' triggers wrote, with duplicates within and across batches, a conflict, a rolled-back load and sums written in several flushes", async () => {
    const { apps } = demoOrganisation(Date.UTC(2026, 10, 1));
    const lines = [...demoHistory(seededRandom(5), apps, Date.UTC(2026, 10, 1), Date.UTC(2026, 10, 4), 900)];
    expect(lines.length).toBeGreaterThan(1500);
    const [first] = lines.filter((l) => l.includes('"requestId"'));
    const conflict = JSON.stringify({ ...JSON.parse(first!), totalTokens: 999_999_999 });
    const warned = (n: number) => v1Event({ requestId: `warned-${n}`, time: "2026-11-02T10:00:00Z", tags: { "team name": "search", project: "apollo" } });
    const batches = [
      toBatch([...lines.slice(0, 700), ...lines.slice(100, 150), warned(1), warned(2)], 0), // repeats within the batch
      toBatch([...lines.slice(650, 1300), conflict, warned(2), warned(3)], 750), // repeats of the first batch, one of them in conflict
      toBatch([...lines.slice(1300), warned(4)], 1400),
      toBatch([v1Event({ requestId: "full-1", appId: "app-full", endUser: "new-user@example.com", tags: { project: "never" } })], 9000),
    ];
    // Loaded twice: first refused at the last batch (every batch rolled back, keys added by them too), then whole.
    const load = async (file: string, save: (batches: AsyncIterable<UsageBatch>) => Promise<void>) => {
      const allow = refuseApp(file, "app-full");
      await expect(save(each(batches))).rejects.toThrow(/disk is full/);
      allow();
      await save(each(batches));
      await save(each(batches.slice(1, 3))); // redelivered
    };

    const byId = freshStore();
    await load(byId.file, (b) => byId.store.saveUsageBatches(b, () => {}));
    const throughViews = freshStore();
    const db = new Database(throughViews.file);
    const write = writerThroughViews(db);
    await load(throughViews.file, (b) => saveInBulk(db, write, b, () => {}));
    db.close();

    // The bulk load's sums written in several flushes within its transaction, not only before it commits.
    const inFlushes = freshStore();
    const flushing = new Database(inFlushes.file);
    await load(inFlushes.file, (b) => saveInBulk(flushing, createUsageWriter(flushing, { sumEvents: 1000 }), b, () => {}));
    flushing.close();

    const expected = rollupRows(throughViews.file);
    const actual = rollupRows(byId.file);
    expect(expected.daily.length).toBeGreaterThan(20);
    expect(expected.dimensions.length).toBeGreaterThan(100);
    expect(expected.warnings.length).toBeGreaterThan(0);
    expect(actual).toEqual(expected);
    expect(rollupRows(inFlushes.file)).toEqual(expected);
  });

  it("forgets the key ids a rolled-back transaction added, though another writer then gives those ids to other keys", async () => {
    const { store, file } = freshStore();
    const event = (requestId: string, appId: string) =>
      toBatch([v1Event({ requestId, appId, deployment: `${appId}-dep`, endUser: `${appId}@example.com`, tags: { project: appId } })], 0);
    const takeIdsGiven = (appId: string) => {
      const other = new Database(file);
      other.exec(`
        INSERT INTO RollupKey (appId, deployment, model, region, operation, tokenKinds) VALUES ('${appId}-else', 'd', 'm', 'r', 'o', 0);
        INSERT INTO HourlyKey (appId, deployment) VALUES ('${appId}-else', 'd');
        INSERT INTO DimensionValue (value) VALUES ('${appId}-else-1'), ('${appId}-else-2');`);
      other.close();
    };
    const rowsOf = (appId: string) => {
      const rows = rollupRows(file);
      const of = (r: Record<string, unknown>) => r.appId === appId;
      return {
        daily: rows.daily.filter(of).map((r) => [r.deployment, r.requests]),
        hourly: rows.hourly.filter(of).map((r) => [r.deployment, r.requests]),
        dimensions: rows.dimensions.filter(of).map((r) => [r.dimension, r.value, r.requests]),
      };
    };
    const expected = (appId: string) => ({
      daily: [[`${appId}-dep`, 1n]],
      hourly: [[`${appId}-dep`, 1n]],
      dimensions: [
        ["endUser", `${appId}@example.com`, 1n],
        ["tag:project", appId, 1n],
      ],
    });

    // The writer's own transaction: the keys and sums are written, then the outcome is refused.
    const refuser = new Database(file);
    refuser.exec(`CREATE TRIGGER refuse BEFORE INSERT ON DailyOutcome WHEN NEW.appId = 'app-a' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    refuser.close();
    await expect(store.saveUsageBatch(event("a-1", "app-a"))).rejects.toThrow(/disk is full/);
    takeIdsGiven("app-a");
    await expect(store.saveUsageBatch(event("a-2", "app-a"))).rejects.toThrow(/disk is full/); // the cache holds no id of app-a yet
    const dropper = new Database(file);
    dropper.exec("DROP TRIGGER refuse");
    dropper.close();
    await store.saveUsageBatch(event("a-3", "app-a"));
    expect(rowsOf("app-a")).toEqual(expected("app-a"));

    // A bulk load: a batch adds the keys, a later one is refused, and the whole transaction rolls back.
    const allow = refuseApp(file, "app-refused");
    await expect(store.saveUsageBatches(each([event("b-1", "app-b"), event("refused", "app-refused")]), () => {})).rejects.toThrow(/disk is full/);
    allow();
    takeIdsGiven("app-b");
    await store.saveUsageBatch(event("b-2", "app-b"));
    expect(rowsOf("app-b")).toEqual(expected("app-b"));
    expect(rowsOf("app-b-else")).toEqual({ daily: [], hourly: [], dimensions: [] });
  });
});
