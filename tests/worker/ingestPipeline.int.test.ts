import { now } from "../../lib/core/clock";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { ingestNdjsonFile } from "../../ingest/worker/ingestNdjson";
import { describe, expect, it } from "vitest";
import { replayQuarantine } from "../../lib/events/replayQuarantine";
import { importOrgMappings } from "../../lib/org/importOrgMappings";
import { importDeployments } from "../../lib/pricing/importDeployments";
import { importRetailPrices } from "../../lib/pricing/importRetailPrices";
import { loadPricer } from "../../lib/pricing/loadPricer";
import { getChargebackReport } from "../../lib/reports/getChargebackReport";
import { ingestLines, seedEvent, v1Event } from "../support/ingest";
import { snapshotItems } from "../support/retailPrices";
import { freshStore } from "../support/store";
import { LedgerReader } from "../../lib/ledger/ledgerReader";

const DEPLOYMENTS = "deployment,model,region,sku\n*,,eastus2,GlobalStandard\ngpt-4o,gpt-4o-2024-08-06,eastus2,GlobalStandard\n";

async function pricedStore() {
  const fresh = freshStore();
  await importRetailPrices(fresh.store, snapshotItems());
  await importDeployments(fresh.store, DEPLOYMENTS, "deployments.csv");
  return fresh;
}

describe("ingest is exactly once", () => {
  it("adds nothing when the same file is ingested again, and only the new lines of an appended file", async () => {
    const { store } = await pricedStore();
    const lines = [v1Event({ requestId: "a" }), v1Event({ requestId: "b" }), seedEvent(), seedEvent(), "{broken"];
    expect(await ingestLines(store, lines)).toEqual({ accepted: 4, duplicates: 0, quarantined: 1, unpriced: 0, notBilled: 0, usageUnknown: 0, warnings: 0 });
    expect(await ingestLines(store, lines)).toEqual({ accepted: 0, duplicates: 5, quarantined: 0, unpriced: 0, notBilled: 0, usageUnknown: 0, warnings: 0 });
    const appended = [...lines, seedEvent(), v1Event({ requestId: "c" }), "{broken"];
    expect(await ingestLines(store, appended)).toEqual({ accepted: 2, duplicates: 5, quarantined: 1, unpriced: 0, notBilled: 0, usageUnknown: 0, warnings: 0 });
  });

  it("reads a file that starts with a byte-order mark", async () => {
    const { store } = await pricedStore();
    expect(await ingestLines(store, [`\uFEFF${v1Event()}`])).toMatchObject({ accepted: 1, quarantined: 0 });
  });

  it("reads two files concatenated, the second with its byte-order mark in the middle", async () => {
    const { store } = await pricedStore();
    const first = [v1Event({ requestId: "a" }), v1Event({ requestId: "b" })];
    const second = [`\uFEFF${v1Event({ requestId: "c" })}`, v1Event({ requestId: "d" })];
    expect(await ingestLines(store, [...first, ...second])).toMatchObject({ accepted: 4, quarantined: 0 });
  });

  it("counts a request id seen twice once, even within one input, and quarantines a version with other content", async () => {
    const { store } = await pricedStore();
    expect(await ingestLines(store, [v1Event(), v1Event(), v1Event({ time: "2026-11-11T00:00:00Z" })])).toMatchObject({
      accepted: 1,
      duplicates: 1,
      quarantined: 1,
    });
  });

  it("keeps every rollup equal to the sum of the facts it rolls up", async () => {
    const { store, file } = await pricedStore();
    const lines = Array.from({ length: 300 }, (_, i) =>
      i % 3 === 0 ? seedEvent({ "event-time": `11/${1 + (i % 28)}/2026 1:00:00 PM` }) : v1Event({ requestId: `r${i}`, appId: `app-${i % 4}` }),
    );
    await ingestLines(store, lines);
    await ingestLines(store, lines.slice(0, 150));
    const db = new Database(file, { readonly: true });
    const facts = db.prepare("SELECT COUNT(*) AS n, SUM(promptTokens) AS p, SUM(completionTokens) AS c FROM UsageEvent").get();
    const rollups = db.prepare("SELECT SUM(requests) AS n, SUM(promptTokens) AS p, SUM(completionTokens) AS c FROM DailyUsage").get();
    db.close();
    expect(facts).toEqual({ n: 300, p: 300_000, c: 30_000 });
    expect(rollups).toEqual(facts);
  });
});

describe("quarantine", () => {
  it("keeps each rejected line verbatim with its reason and where it came from", async () => {
    const { store } = await pricedStore();
    await ingestLines(store, [v1Event({ requestId: "ok" }), v1Event({ requestId: "neg", promptTokens: -1 })], "gateway.ndjson");
    const [q] = await store.listQuarantined("open");
    expect(q).toMatchObject({
      source: "gateway.ndjson:2",
      reason: "chargeback/v1: promptTokens is negative (-1)",
      raw: v1Event({ requestId: "neg", promptTokens: -1 }),
      status: "open",
    });
  });

  it("replays a line that passes now, once, and leaves lines that still fail open with their reason", async () => {
    const { store } = await pricedStore();
    // A line quarantined by an earlier, stricter parser, and one that is still wrong.
    await store.saveUsageBatch({
      events: [],
      quarantined: [
        { id: "line:old:0", source: "old.ndjson:7", raw: seedEvent(), reason: "unrecognised event shape" },
        { id: "line:bad:0", source: "old.ndjson:8", raw: "{broken", reason: "not valid JSON" },
      ],
      receivedAt: now(),
    });
    const pricer = await loadPricer(store);
    expect(await replayQuarantine(store, pricer)).toEqual({
      accepted: 1,
      duplicates: 0,
      quarantined: 0,
      unpriced: 0,
      notBilled: 0,
      usageUnknown: 0,
      warnings: 0,
      stillFailing: 1,
    });
    expect(await replayQuarantine(store, pricer)).toEqual({
      accepted: 0,
      duplicates: 0,
      quarantined: 0,
      unpriced: 0,
      notBilled: 0,
      usageUnknown: 0,
      warnings: 0,
      stillFailing: 1,
    });
    await expect(replayQuarantine(store, pricer, ["line:old:0"])).rejects.toThrow("not an open quarantined event: line:old:0");
    expect((await store.listQuarantined("replayed")).map((q) => q.id)).toEqual(["line:old:0"]);
    expect((await getChargebackReport(new LedgerReader(store), "2026-11", "app")).unmapped.requests).toBe(1);
  });
});

describe("reports", () => {
  it("put events on either side of a month boundary into their own UTC month", async () => {
    const { store } = await pricedStore();
    await ingestLines(store, [
      v1Event({ requestId: "oct", time: "2026-10-31T23:59:59.999Z" }),
      v1Event({ requestId: "nov", time: "2026-11-01T00:00:00Z" }),
      seedEvent({ "event-time": "11/30/2026 11:59:59 PM" }),
      seedEvent({ "event-time": "12/1/2026 12:00:00 AM" }),
    ]);
    const requests = async (month: string) => (await getChargebackReport(new LedgerReader(store), month, "model")).unmapped.requests;
    expect([await requests("2026-10"), await requests("2026-11"), await requests("2026-12")]).toEqual([1, 2, 1]);
  });

  it("price usage that arrived before its price once the price is imported", async () => {
    const { store } = freshStore();
    await importDeployments(store, DEPLOYMENTS, "deployments.csv");
    expect(await ingestLines(store, [v1Event()])).toMatchObject({ accepted: 1, unpriced: 1 });
    const before = await getChargebackReport(new LedgerReader(store), "2026-11", "model");
    expect(before).toMatchObject({
      total: "0.00",
      unpriced: {
        requests: 1,
        totalTokens: 1100,
        reasons: [{ reason: "no USD prices are imported: run chargeback prices sync --currency USD (or prices import)", requests: 1, totalTokens: 1100 }],
      },
    });
    await importRetailPrices(store, snapshotItems());
    const after = await getChargebackReport(new LedgerReader(store), "2026-11", "model");
    // 1000 × $2.5/1M + 100 × $10/1M = $0.0035 → $0.00 alone; check exactness via 1000 events below.
    expect(after.unpriced).toEqual({ requests: 0, totalTokens: 0, reasons: [] });
    await ingestLines(
      store,
      Array.from({ length: 999 }, (_, i) => v1Event({ requestId: `r${i}` })),
    );
    expect((await getChargebackReport(new LedgerReader(store), "2026-11", "model")).total).toBe("3.50");
  });

  it("attribute each day by the mapping then in effect, splitting a mid-month move", async () => {
    const { store } = await pricedStore();
    await importOrgMappings(
      store,
      "appId,costCenter,businessUnit,validFrom,validTo\napp-1,CC-1,Retail,2026-01-01,2026-11-15\napp-1,CC-2,Finance,2026-11-15,\n",
      "org.csv",
    );
    const day = (d: number, i: number) => v1Event({ requestId: `${d}-${i}`, time: `2026-11-${String(d).padStart(2, "0")}T12:00:00Z` });
    await ingestLines(store, [...Array.from({ length: 1000 }, (_, i) => day(14, i)), ...Array.from({ length: 2000 }, (_, i) => day(15, i))]);
    const report = await getChargebackReport(new LedgerReader(store), "2026-11", "business-unit");
    expect(report.rows.map((r) => [r.key, r.cost, r.requests])).toEqual([
      ["Finance", "7.00", 2000],
      ["Retail", "3.50", 1000],
    ]);
    expect(report.total).toBe("10.50");
  });

  it("reject an org import whose ranges overlap, and import nothing from it", async () => {
    const { store } = await pricedStore();
    const csv =
      "appId,costCenter,businessUnit,validFrom,validTo\napp-1,CC-1,Retail,2026-01-01,2026-12-01\napp-1,CC-2,Finance,2026-11-15,\napp-2,CC-1,Retail,2026-01-01,\n";
    await expect(importOrgMappings(store, csv, "org.csv")).rejects.toThrow(
      /mapping range problem.*app app-1: 2026-01-01\.\.2026-12-01 \(CC-1\) overlaps 2026-11-15\.\.open \(CC-2\)/s,
    );
    expect(await store.listOrgMappings()).toEqual([]);
  });
});

describe("ingesting a file on two threads", () => {
  it("names, validates and counts lines exactly as the single-thread pipeline does", async () => {
    const { store, dir } = await pricedStore();
    const lines = Array.from({ length: 700 }, (_, i) => (i % 7 === 0 ? "{broken" : i % 3 === 0 ? seedEvent() : v1Event({ requestId: `r${i % 400}` })));
    const file = path.join(dir, "events.ndjson");
    fs.writeFileSync(file, `${lines.join("\n")}\n`);
    // Small batches, so many cross between the threads and identities must carry over between them.
    const first = await ingestNdjsonFile(store, file, { batchSize: 64 });
    // 328 distinct request ids among 400 v1 lines; 200 identical seed lines and 100 identical broken
    // lines are each distinct by their occurrence.
    expect(first).toEqual({ accepted: 328 + 200, duplicates: 72, quarantined: 100, unpriced: 0, notBilled: 0, usageUnknown: 0, warnings: 0 });
    expect(await ingestLines(store, lines, file)).toEqual({
      accepted: 0,
      duplicates: 700,
      quarantined: 0,
      unpriced: 0,
      notBilled: 0,
      usageUnknown: 0,
      warnings: 0,
    });
  });

  it("rolls the whole load back and fails the ingest with its reason when the writing thread fails", async () => {
    const { store, dir } = await pricedStore();
    const file = path.join(dir, "events.ndjson");
    fs.writeFileSync(file, `${Array.from({ length: 300 }, (_, i) => v1Event({ requestId: `w${i}` })).join("\n")}\n`);
    // The writing thread's own connection meets a table gone under it when it writes the sums.
    const other = new Database(store.databaseFile);
    other.exec("DROP TABLE DailyOutcome");
    other.close();
    await expect(ingestNdjsonFile(store, file, { batchSize: 64 })).rejects.toThrow(/no such table: DailyOutcome/);
    const count = new Database(store.databaseFile, { readonly: true });
    expect(count.prepare("SELECT COUNT(*) AS n FROM UsageEvent").get()).toEqual({ n: 0 });
    count.close();
  });

  it("reports a read failure on the other thread as an error of the ingest", async () => {
    const { store, dir } = await pricedStore();
    await expect(ingestNdjsonFile(store, dir)).rejects.toThrow(/EISDIR/);
  });
});

describe("pricing stays per event in the rollups", () => {
  it("leaves only the event that needs a missing price unpriced, not its whole day", async () => {
    const { store } = freshStore();
    await importRetailPrices(store, snapshotItems());
    // A display-name region reads as its ARM name.
    await importDeployments(store, "deployment,model,region,sku\no4,o4-mini-2025-04-16,Sweden Central,GlobalStandard\n", "d.csv");
    // swedencentral's global cached-input meter for o4-mini starts only on 2025-12-01.
    const event = (i: number, cachedTokens: number) =>
      v1Event({ requestId: `o4-${i}`, time: "2025-11-15T09:00:00Z", deployment: "o4", model: "o4-mini", cachedTokens });
    const summary = await ingestLines(store, [...Array.from({ length: 999 }, (_, i) => event(i, 0)), event(999, 500)]);
    expect(summary).toMatchObject({ accepted: 1000, unpriced: 1 });
    const report = await getChargebackReport(new LedgerReader(store), "2025-11", "model");
    // 999 × (1000 × $1.1/1M + 100 × $4.4/1M) = $1.53846
    expect(report.total).toBe("1.54");
    expect(report.unpriced).toEqual({
      requests: 1,
      totalTokens: 1100,
      reasons: [{ reason: "no cached input price for o4-mini-2025-04-16 on 2025-11-15", requests: 1, totalTokens: 1100 }],
    });
  });
});

describe("multi-row inserts", () => {
  it("tell new rows from stored ones within one statement", async () => {
    const { store, file } = await pricedStore();
    await ingestLines(
      store,
      Array.from({ length: 150 }, (_, i) => v1Event({ requestId: `r${i * 2}` })),
    );
    // 300 ids interleaving the 150 stored (even) with 150 new (odd), so every 64-row statement mixes both.
    const summary = await ingestLines(
      store,
      Array.from({ length: 300 }, (_, i) => v1Event({ requestId: `r${i}` })),
    );
    expect(summary).toMatchObject({ accepted: 150, duplicates: 150 });
    const db = new Database(file, { readonly: true });
    const facts = db.prepare("SELECT COUNT(*) AS n FROM UsageEvent WHERE CAST(substr(id, 6) AS INTEGER) % 2 = 1").get();
    const rollups = db.prepare("SELECT SUM(requests) AS n, SUM(promptTokens) AS p FROM DailyUsage").get();
    db.close();
    expect(facts).toEqual({ n: 150 });
    expect(rollups).toEqual({ n: 300, p: 300_000 });
  });
});
