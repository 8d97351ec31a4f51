import { tiersOfKinds } from "../../../lib/pricing/tokenKinds";
import { noDetails } from "../../../lib/pricing/billedTokens";
import { describe, expect, it } from "vitest";
import { BUCKET_COLUMNS } from "../../../lib/events/modelTimeBuckets";
import { OTHER_END_USERS } from "../../../lib/events/eventTags";
import type { UsageEvent } from "../../../lib/events/usageEvent";
import type { CostedLine } from "../../../lib/statements/statementLine";
import type { DailyUsage, IncomingEvent, UsageBatch, UsageStore } from "../../../lib/store/port";
import { itemAt } from "../../../lib/core/arrays";
import { leading } from "../../support/arrays";

/**
 * The one behaviour both adapters must have: every port method, run against a fresh store from
 * `open`. SQLite and Cosmos DB run it alike (sqliteStore.int.test.ts, cosmosStore.int.test.ts).
 */
export function storeContract(name: string, open: () => UsageStore | Promise<UsageStore>) {
  describe(`${name} store: usage`, () => {
    it("writes facts and rollups once: a redelivered batch is all duplicates and changes no rollup", async () => {
      const store = await open();
      const first = await store.saveUsageBatch(BATCH);
      expect(first).toEqual({
        inserted: [true, true, true, true, true, true, false],
        conflicted: BATCH.events.map(() => false),
        quarantined: 1,
        quarantineDuplicates: 1,
      });
      expect(sortDaily(await store.listDailyUsage("2026-11-01", "2026-12-01"))).toEqual(EXPECTED_DAILY);
      const again = await store.saveUsageBatch({ ...BATCH, receivedAt: BATCH.receivedAt + 1000 });
      expect(again).toEqual({ inserted: BATCH.events.map(() => false), conflicted: BATCH.events.map(() => false), quarantined: 0, quarantineDuplicates: 2 });
      expect(sortDaily(await store.listDailyUsage("2026-11-01", "2026-12-01"))).toEqual(EXPECTED_DAILY);
      expect(await store.listHourlyUsage("2026-11-01", "2026-12-01", ["chat", "embed"])).toEqual(EXPECTED_HOURLY);
    });

    it("keeps each billed token kind, tier and context apart in the daily rollups, also per tag", async () => {
      const store = await open();
      await store.saveUsageBatch(BILLED_KINDS);
      await store.saveUsageBatch(BILLED_KINDS); // a redelivery changes nothing
      expect(sortDaily(await store.listDailyUsage("2026-11-12", "2026-11-13"))).toEqual(EXPECTED_BILLED_KINDS);
      const tagged = await store.listDailyDimensionUsage("2026-11-12", "2026-11-13", "tag:project");
      expect(sortDaily(tagged)).toEqual(EXPECTED_BILLED_KINDS.map((d) => ({ ...d, dimension: "tag:project", value: "apollo" })));
    });

    it("quarantines an identity seen again with other content as a conflict, both versions visible, counting it nowhere", async () => {
      const store = await open();
      await store.saveUsageBatch(BATCH);
      const daily = await store.listDailyUsage("2026-11-01", "2026-12-01");
      const hourly = await store.listHourlyUsage("2026-11-01", "2026-12-01", ["chat", "embed"]);
      const [e1, e2, e3, e4] = leading(BATCH.events, 4);
      const bigger = { ...e1, source: "hub:0:17", event: { ...e1.event, promptTokens: 99_000, totalTokens: 99_100 } };
      // Another day and another app: on Cosmos DB, other partitions than the counted version's.
      const nextDay = { ...e2, source: "http:gw#2", event: { ...e2.event, time: Date.parse("2026-11-12T08:00:00Z") } };
      const otherApp = { ...e3, source: "file.ndjson:3", event: { ...e3.event, appId: "app-9" } };
      const batch = { events: [bigger, nextDay, otherApp, e4, bigger], quarantined: [], receivedAt: BATCH.receivedAt + 10 };
      expect(await store.saveUsageBatch(batch)).toEqual({
        inserted: [false, false, false, false, false],
        conflicted: [true, true, true, false, true],
        quarantined: 3,
        quarantineDuplicates: 1,
      });
      expect(await store.listDailyUsage("2026-11-01", "2026-12-01")).toEqual(daily);
      expect(await store.listHourlyUsage("2026-11-01", "2026-12-01", ["chat", "embed"])).toEqual(hourly);
      expect(await store.listUsageAppIds()).toEqual(["app-1", "app-2"]);
      const kept = (await store.listQuarantined("open")).filter((k) => k.id.startsWith("conflict:"));
      expect(kept.map((k) => k.source).sort()).toEqual(["file.ndjson:3", "http:gw#2", "hub:0:17"]);
      const conflict = kept.find((k) => k.source === "hub:0:17")!;
      expect(conflict.reason).toBe(
        "conflict: e1 was counted first with different content, from test:e1 (received 2026-09-21T14:13:20.000Z): " +
          "counted promptTokens 1000, totalTokens 1100; this one promptTokens 99000, totalTokens 99100",
      );
      expect(JSON.parse(conflict.raw)).toMatchObject({ schema: "chargeback/v1", requestId: "e1", promptTokens: 99_000, totalTokens: 99_100 });
      expect(kept.find((k) => k.source === "http:gw#2")!.reason).toContain("counted time 2026-11-10T10:40:00.000Z; this one time 2026-11-12T08:00:00.000Z");
      // The same conflicting delivery again is a duplicate; a third version is kept too.
      const third = { ...e1, source: "hub:0:18", event: { ...e1.event, completionTokens: 7, totalTokens: 1007 } };
      expect(await store.saveUsageBatch({ events: [bigger, third], quarantined: [], receivedAt: BATCH.receivedAt + 20 })).toEqual({
        inserted: [false, false],
        conflicted: [true, true],
        quarantined: 1,
        quarantineDuplicates: 1,
      });
      expect(await store.listDailyUsage("2026-11-01", "2026-12-01")).toEqual(daily);
    });

    it("tells versions apart by their billed token details and service tier too, a detail of 0 being none", async () => {
      const store = await open();
      await store.saveUsageBatch(BATCH);
      const [e1] = leading(BATCH.events, 1);
      const zero = { ...e1, source: "test:e1-zero", event: { ...e1.event, cacheWriteTokens: 0 } };
      const writes = { ...e1, source: "test:e1-writes", event: { ...e1.event, cacheWriteTokens: 100 } };
      const priority = { ...e1, source: "test:e1-priority", event: { ...e1.event, serviceTier: "priority" as const } };
      expect(await store.saveUsageBatch({ events: [zero, writes, priority], quarantined: [], receivedAt: BATCH.receivedAt + 10 })).toMatchObject({
        inserted: [false, false, false],
        conflicted: [false, true, true],
      });
      const reasons = (await store.listQuarantined("open")).filter((k) => k.id.startsWith("conflict:")).map((k) => k.reason);
      expect(reasons.some((r) => r.includes("counted cacheWriteTokens null; this one cacheWriteTokens 100"))).toBe(true);
      expect(reasons.some((r) => r.includes('this one serviceTier "priority"'))).toBe(true);
    });

    it("takes a diagnostic call read again without its caller record for the call counted, not a conflict, and counts it once", async () => {
      const store = await open();
      await store.saveUsageBatch(BATCH);
      const [e1] = leading(BATCH.events, 1);
      const daily = await store.listDailyUsage("2026-11-01", "2026-12-01");
      const unknown = { ...e1, source: "hub:1:7", event: { ...e1.event, appId: "caller-unknown:azure-monitor", subscriptionId: null, status: 200 } };
      const otherUsage = { ...unknown, source: "hub:1:8", event: { ...unknown.event, completionTokens: 1, totalTokens: 1001 } };
      expect(await store.saveUsageBatch({ events: [unknown, otherUsage], quarantined: [], receivedAt: BATCH.receivedAt + 10 })).toMatchObject({
        inserted: [false, false],
        conflicted: [false, true],
      });
      expect(await store.listDailyUsage("2026-11-01", "2026-12-01")).toEqual(daily);
      expect(await store.listUsageAppIds()).not.toContain("caller-unknown:azure-monitor");
    });

    it("counts the first of two versions of a new identity in one batch and quarantines the other", async () => {
      const store = await open();
      const a = event("n1", "2026-11-10T10:00:00Z", { promptTokens: 10, totalTokens: 10 });
      const b = { ...a, source: "test:n1-again", event: { ...a.event, promptTokens: 20, totalTokens: 20 } };
      expect(await store.saveUsageBatch({ events: [a, b, a], quarantined: [], receivedAt: 5 })).toEqual({
        inserted: [true, false, false],
        conflicted: [false, true, false],
        quarantined: 1,
        quarantineDuplicates: 0,
      });
      expect((await store.listDailyUsage("2026-11-10", "2026-11-11")).map((d) => d.promptTokens)).toEqual([10n]);
      expect((await store.listQuarantined("open")).map((k) => k.source)).toEqual(["test:n1-again"]);
    });

    it("adds a later batch to the same rollups, and reads only the days asked for", async () => {
      const store = await open();
      await store.saveUsageBatch({ ...BATCH, events: BATCH.events.slice(0, 3) });
      await store.saveUsageBatch({ ...BATCH, events: BATCH.events.slice(3) });
      expect(sortDaily(await store.listDailyUsage("2026-11-01", "2026-12-01"))).toEqual(EXPECTED_DAILY);
      expect(sortDaily(await store.listDailyUsage("2026-11-11", "2026-11-12"))).toEqual(EXPECTED_DAILY.filter((d) => d.day === "2026-11-11"));
      expect(await store.listDailyUsage("2026-10-01", "2026-11-01")).toEqual([]);
    });

    it("keeps hourly rollups per hour, app and deployment, with the model-time histogram", async () => {
      const store = await open();
      await store.saveUsageBatch(BATCH);
      expect(await store.listHourlyAppUsage("app-1", "2026-11-10", "2026-11-11")).toEqual(
        EXPECTED_HOURLY.filter((h) => h.appId === "app-1" && h.hour < "2026-11-11"),
      );
      expect(await store.listHourlyAppUsage("app-1", "2026-11-01", "2026-12-01")).toEqual(EXPECTED_HOURLY.filter((h) => h.appId === "app-1"));
      expect(await store.listHourlyAppUsage("app-3", "2026-11-01", "2026-12-01")).toEqual([]);
      expect(await store.listHourlyUsage("2026-11-10", "2026-11-11", ["chat"])).toEqual(
        EXPECTED_HOURLY.filter((h) => h.deployment === "chat" && h.hour < "2026-11-11"),
      );
      expect(await store.listHourlyUsage("2026-11-01", "2026-12-01", ["embed"])).toEqual(EXPECTED_HOURLY.filter((h) => h.deployment === "embed"));
    });

    it("says which days and apps have usage", async () => {
      const store = await open();
      expect(await store.getUsageDayRange()).toBeNull();
      expect(await store.listUsageAppIds()).toEqual([]);
      await store.saveUsageBatch(BATCH);
      expect(await store.getUsageDayRange()).toEqual({ first: "2026-11-10", last: "2026-11-11" });
      expect(await store.listUsageAppIds()).toEqual(["app-1", "app-2"]);
    });

    it("purges raw events of days before a cutoff and old quarantined lines, leaving every rollup as it was", async () => {
      const store = await open();
      await store.saveUsageBatch(BATCH);
      await store.saveUsageBatch({ events: [], quarantined: [q("q-new")], receivedAt: BATCH.receivedAt + 10 });
      const daily = await store.listDailyUsage("2026-11-01", "2026-12-01");
      const hourly = await store.listHourlyUsage("2026-11-01", "2026-12-01", ["chat", "embed"]);
      // Events of the 10th (five, one repeated in the batch) and the line received first go.
      expect(await store.purgeRawUsage("2026-11-11", BATCH.receivedAt + 5, true)).toEqual({ events: 5, quarantined: 1 });
      expect(await store.purgeRawUsage("2026-11-11", BATCH.receivedAt + 5, false)).toEqual({ events: 5, quarantined: 1 });
      expect(await store.purgeRawUsage("2026-11-11", BATCH.receivedAt + 5, true)).toEqual({ events: 0, quarantined: 0 });
      expect((await store.listQuarantined("all")).map((x) => x.id)).toEqual(["q-new"]);
      expect(await store.listDailyUsage("2026-11-01", "2026-12-01")).toEqual(daily);
      expect(await store.listHourlyUsage("2026-11-01", "2026-12-01", ["chat", "embed"])).toEqual(hourly);
      // The 11th's event is still known: its redelivery adds nothing.
      expect((await store.saveUsageBatch({ events: [itemAt(BATCH.events, 5)], quarantined: [], receivedAt: 1 })).inserted).toEqual([false]);
    });

    it("folds old hours into day rows, keeping the deployments asked for hourly, and folds a late event's hour again", async () => {
      const store = await open();
      await store.saveUsageBatch(BATCH);
      const daily = await store.listDailyUsage("2026-11-01", "2026-12-01");
      // The 10th's hours on chat (app-1 at 10 and 11, app-2 at 23) fold; embed is kept, the 11th is not old.
      expect(await store.compactRollups("2026-11-11", ["embed"], 100, true)).toEqual({ hourlyRows: 3, endUserRows: 0 });
      expect(await store.listHourlyUsage("2026-11-01", "2026-12-01", ["chat", "embed"])).toEqual(EXPECTED_HOURLY);
      expect(await store.compactRollups("2026-11-11", ["embed"], 100, false)).toEqual({ hourlyRows: 3, endUserRows: 0 });
      const folded = [
        hourly("2026-11-10", "app-1", "chat", [3, 3010, 500, 405, 3415, 2, 240], { 0: 1, 1: 1 }), // e1 + e2 + e3
        hourly("2026-11-10", "app-2", "chat", [1, 100, 0, 10, 110, 1, 500], { 3: 1 }), // e5
        itemAt(EXPECTED_HOURLY, 1), // embed stays hourly
        itemAt(EXPECTED_HOURLY, 4), // the 11th
      ];
      expect(await store.listHourlyUsage("2026-11-01", "2026-12-01", ["chat", "embed"])).toEqual(folded);
      expect(await store.compactRollups("2026-11-11", ["embed"], 100, false)).toEqual({ hourlyRows: 0, endUserRows: 0 });
      expect(await store.listDailyUsage("2026-11-01", "2026-12-01")).toEqual(daily);

      // A late event for the folded day writes its hour; the next run adds it to the day's row.
      const late = event("e7", "2026-11-10T12:00:00Z", { promptTokens: 5, completionTokens: 5, totalTokens: 10, modelTimeMs: 150 });
      await store.saveUsageBatch({ events: [late], quarantined: [], receivedAt: BATCH.receivedAt + 10 });
      expect(await store.compactRollups("2026-11-11", ["embed"], 100, false)).toEqual({ hourlyRows: 1, endUserRows: 0 });
      expect(await store.listHourlyAppUsage("app-1", "2026-11-10", "2026-11-11")).toEqual([
        hourly("2026-11-10", "app-1", "chat", [4, 3015, 500, 410, 3425, 3, 390], { 0: 1, 1: 2 }),
        itemAt(EXPECTED_HOURLY, 1),
      ]);
    });

    it("keeps quarantined lines, oldest first, and records their outcome", async () => {
      const store = await open();
      await store.saveUsageBatch({ events: [], quarantined: [q("q-b"), q("q-a")], receivedAt: 2000 });
      await store.saveUsageBatch({ events: [], quarantined: [q("q-0")], receivedAt: 1000 });
      expect((await store.listQuarantined("all")).map((x) => x.id)).toEqual(["q-0", "q-a", "q-b"]);
      await store.saveQuarantineOutcome("q-a", { status: "replayed" });
      await store.saveQuarantineOutcome("q-b", { status: "open", reason: "still bad" });
      expect(await store.listQuarantined("replayed")).toEqual([
        { id: "q-a", receivedAt: 2000, source: "file.ndjson:q-a", reason: "not valid JSON", raw: "{oops q-a", encoding: "utf8", status: "replayed" },
      ]);
      expect(await store.listQuarantined("open")).toEqual([
        { id: "q-0", receivedAt: 1000, source: "file.ndjson:q-0", reason: "not valid JSON", raw: "{oops q-0", encoding: "utf8", status: "open" },
        { id: "q-b", receivedAt: 2000, source: "file.ndjson:q-b", reason: "still bad", raw: "{oops q-b", encoding: "utf8", status: "open" },
      ]);
    });

    it("discards a quarantined line and, given an audit context, audits each outcome with it", async () => {
      const store = await open();
      await store.saveUsageBatch({ events: [], quarantined: [q("q-x"), q("q-y")], receivedAt: 3000 });
      await store.saveQuarantineOutcome("q-x", { status: "discarded" }, AUDIT("quarantine.discard", 4000));
      await store.saveQuarantineOutcome("q-y", { status: "replayed" }, AUDIT("quarantine.replay", 5000));
      expect((await store.listQuarantined("discarded")).map((x) => x.id)).toEqual(["q-x"]);
      expect(await store.listQuarantined("open")).toEqual([]);
      const was = (id: string) => ({ source: `file.ndjson:${id}`, status: "open", reason: "not valid JSON" });
      expect(await store.listAudit(10)).toEqual([
        { ...AUDIT("quarantine.replay", 5000), subject: "quarantine q-y", before: was("q-y"), after: { ...was("q-y"), status: "replayed" } },
        { ...AUDIT("quarantine.discard", 4000), subject: "quarantine q-x", before: was("q-x"), after: { ...was("q-x"), status: "discarded" } },
      ]);
    });

    it("tells per source (without line or sequence number) when it last sent and how many it sent since an instant", async () => {
      const store = await open();
      const from = (id: string, source: string) => ({ ...event(id, "2026-11-10T08:00:00Z", {}), source });
      await store.saveUsageBatch({
        events: [from("s1", "eventhub:hub/0#1"), from("s2", "eventhub:hub/0#2"), from("s3", "file.ndjson:3")],
        quarantined: [],
        receivedAt: 1000,
      });
      await store.saveUsageBatch({ events: [from("s4", "eventhub:hub/0#3"), from("s5", "eventhub:hub/0#4")], quarantined: [], receivedAt: 5000 });
      expect(await store.listSourceActivity(500, 4000)).toEqual([
        { source: "eventhub:hub/0", lastReceivedAt: 5000, recent: 2 },
        { source: "file.ndjson", lastReceivedAt: 1000, recent: 0 },
      ]);
      expect(await store.listSourceActivity(2000, 0)).toEqual([{ source: "eventhub:hub/0", lastReceivedAt: 5000, recent: 2 }]);
      expect(await store.listSourceActivity(6000, 6000)).toEqual([]);
    });
  });

  describe(`${name} store: tags, end users, outcomes and warnings`, () => {
    it("rolls priced usage up per tag and end user, counts calls per outcome, and keeps warnings, all once", async () => {
      const store = await open();
      const first = await store.saveUsageBatch(TAGGED);
      expect(first.inserted).toEqual(TAGGED.events.map(() => true));
      await store.saveUsageBatch({ ...TAGGED, receivedAt: TAGGED.receivedAt + 1 }); // a redelivery changes nothing
      expect(await store.listDailyDimensionUsage("2026-11-01", "2026-12-01", "tag:project")).toEqual([
        dimension(daily("2026-11-10", "app-1", "chat", "gpt-4o-2024-08-06", "chat.completions", 1, [1, 20, 0, 0, 0, 20, 0]), "tag:project", "zeus"), // t3
        dimension(daily("2026-11-10", "app-1", "chat", "gpt-4o-2024-08-06", "chat.completions", 5, [2, 150, 0, 15, 0, 165, 0]), "tag:project", "apollo"), // t1 + t2
      ]);
      expect(await store.listDailyDimensionUsage("2026-11-01", "2026-12-01", "tag:env")).toEqual([
        dimension(daily("2026-11-10", "app-1", "chat", "gpt-4o-2024-08-06", "chat.completions", 5, [1, 100, 0, 10, 0, 110, 0]), "tag:env", "prod"),
      ]);
      expect(await store.listDailyDimensionUsage("2026-11-01", "2026-12-01", "endUser")).toEqual([
        dimension(daily("2026-11-10", "app-1", "chat", "gpt-4o-2024-08-06", "chat.completions", 1, [1, 20, 0, 0, 0, 20, 0]), "endUser", "bob"),
        dimension(daily("2026-11-10", "app-1", "chat", "gpt-4o-2024-08-06", "chat.completions", 5, [1, 100, 0, 10, 0, 110, 0]), "endUser", "alice"),
        dimension(daily("2026-11-11", "app-2", "chat", "gpt-4o-2024-08-06", "chat.completions", 5, [1, 7, 0, 3, 0, 10, 0]), "endUser", "alice"),
      ]);
      expect(await store.listDailyDimensionUsage("2026-11-11", "2026-12-01", "tag:project")).toEqual([]);
      expect(await store.listDailyDimensionUsage("2026-11-01", "2026-12-01", "tag:nothing")).toEqual([]);
      // What a breakdown can pick from: each dimension once, whatever the day or app.
      expect(await store.listUsageDimensions("2026-11-01", "2026-12-01")).toEqual(["endUser", "tag:env", "tag:project"]);
      expect(await store.listUsageDimensions("2026-11-11", "2026-12-01")).toEqual(["endUser"]);
      // Throttled, filtered and failed calls and the cut-off stream without usage are not priced.
      expect(sortDaily(await store.listDailyUsage("2026-11-01", "2026-12-01"))).toEqual(
        sortDaily([
          daily("2026-11-10", "app-1", "chat", "gpt-4o-2024-08-06", "chat.completions", 1, [2, 50, 0, 0, 0, 50, 0]), // t3 + t9
          daily("2026-11-10", "app-1", "chat", "gpt-4o-2024-08-06", "chat.completions", 5, [2, 150, 0, 15, 0, 165, 0]),
          daily("2026-11-11", "app-2", "chat", "gpt-4o-2024-08-06", "chat.completions", 5, [1, 7, 0, 3, 0, 10, 0]),
        ]),
      );
      expect(await store.listDailyOutcomes("2026-11-01", "2026-12-01")).toEqual([
        { day: "2026-11-10", appId: "app-1", outcome: "cutOff", requests: 1, usageUnknown: 1 },
        { day: "2026-11-10", appId: "app-1", outcome: "ok", requests: 3, usageUnknown: 0 },
        { day: "2026-11-10", appId: "app-1", outcome: "throttled", requests: 1, usageUnknown: 0 },
        { day: "2026-11-10", appId: "app-1", outcome: "timeout", requests: 1, usageUnknown: 0 },
        { day: "2026-11-11", appId: "app-2", outcome: "error", requests: 1, usageUnknown: 0 },
        { day: "2026-11-11", appId: "app-2", outcome: "filtered", requests: 1, usageUnknown: 1 },
        { day: "2026-11-11", appId: "app-2", outcome: "ok", requests: 1, usageUnknown: 0 },
      ]);
      expect(await store.listDailyOutcomes("2026-11-11", "2026-11-12")).toHaveLength(3);
      const at = TAGGED.receivedAt;
      expect(await store.listIngestWarnings()).toEqual([
        { source: "eventhub:hub/0", reason: "endUser dropped: over 128 characters", count: 1, firstAt: at, lastAt: at, lastEventId: "t4" },
        { source: "file.ndjson", reason: "tag dropped: key not 1-32 of [a-z0-9_.-]", count: 2, firstAt: at, lastAt: at, lastEventId: "t3" },
      ]);
    });
  });

  describe(`${name} store: many end users`, () => {
    it("keeps a row per end user however many one batch brings, summed over batches", async () => {
      const store = await open();
      const users = Array.from({ length: 70 }, (_, i) => `user${String(i).padStart(2, "0")}`);
      const batch = (round: number): UsageBatch => ({
        receivedAt: round,
        events: users.map((u, i) => event(`${round}-${i}`, "2026-11-10T10:00:00Z", { endUser: u, promptTokens: i + 1, totalTokens: i + 1 })),
        quarantined: [],
      });
      await store.saveUsageBatch(batch(1));
      await store.saveUsageBatch(batch(2));
      const rows = await store.listDailyDimensionUsage("2026-11-10", "2026-11-11", "endUser");
      expect(rows.map((r) => [r.value, r.requests, r.promptTokens])).toEqual(users.map((u, i) => [u, 2n, BigInt(2 * (i + 1))]));
    });

    it("keeps the busiest end users of an old app-day by name and folds the rest into one value, sums exact; a late one folds too", async () => {
      const store = await open();
      const users = Array.from({ length: 70 }, (_, i) => `user${String(i).padStart(2, "0")}`);
      const calls = (round: number, names: string[]) =>
        names.map((u, i) => event(`${round}-${i}`, "2026-11-10T10:00:00Z", { endUser: u, promptTokens: i + 1, totalTokens: i + 1 }));
      await store.saveUsageBatch({ receivedAt: 1, events: calls(1, users), quarantined: [] });
      await store.saveUsageBatch({ receivedAt: 2, events: calls(2, users), quarantined: [] });
      const daily = await store.listDailyUsage("2026-11-10", "2026-11-11");
      expect(await store.compactRollups("2026-11-10", [], 3, false)).toEqual({ hourlyRows: 0, endUserRows: 0 }); // the 10th is not old
      expect(await store.compactRollups("2026-11-11", ["chat"], 3, true)).toEqual({ hourlyRows: 0, endUserRows: 67 });
      expect(await store.compactRollups("2026-11-11", ["chat"], 3, false)).toEqual({ hourlyRows: 0, endUserRows: 67 });
      const values = async () =>
        (await store.listDailyDimensionUsage("2026-11-10", "2026-11-11", "endUser")).map((r) => [r.value, r.requests, r.promptTokens, r.totalTokens]);
      // user67-69 used the most; users 0-66 made 2 calls each of 2 × (i + 1) tokens: 134 calls, 67 × 68 tokens.
      expect(await values()).toEqual([
        [OTHER_END_USERS, 134n, 4556n, 4556n],
        ["user67", 2n, 136n, 136n],
        ["user68", 2n, 138n, 138n],
        ["user69", 2n, 140n, 140n],
      ]);
      expect(await store.listDailyUsage("2026-11-10", "2026-11-11")).toEqual(daily);
      // A late end user with few tokens joins the others on the next run.
      await store.saveUsageBatch({
        receivedAt: 3,
        events: [event("late", "2026-11-10T11:00:00Z", { endUser: "zed", promptTokens: 6, totalTokens: 6 })],
        quarantined: [],
      });
      expect(await store.compactRollups("2026-11-11", ["chat"], 3, false)).toEqual({ hourlyRows: 0, endUserRows: 1 });
      expect(itemAt(await values(), 0)).toEqual([OTHER_END_USERS, 135n, 4562n, 4562n]);
    });
  });

  describe(`${name} store: dimensions and audit`, () => {
    it("upserts prices with summaries and audit entries, and the pricing version follows prices and deployments", async () => {
      const store = await open();
      const v0 = await store.getPricingVersion();
      expect(await store.saveRetailPrices([PRICE, { ...PRICE, effectiveStartDate: "2026-10-01T00:00:00Z" }], 1000, AUDIT("prices.import", 1))).toEqual({
        added: 2,
        changed: 0,
        unchanged: 0,
      });
      const v1 = await store.getPricingVersion();
      expect(v1).not.toBe(v0);
      expect(await store.saveRetailPrices([PRICE], 2000, AUDIT("prices.import", 2))).toEqual({ added: 0, changed: 0, unchanged: 1 });
      expect(await store.getPricingVersion()).toBe(v1);
      expect(await store.saveRetailPrices([{ ...PRICE, retailPrice: "0.003" }], 3000, AUDIT("prices.import", 3))).toEqual({
        added: 0,
        changed: 1,
        unchanged: 0,
      });
      const v2 = await store.getPricingVersion();
      expect(v2).not.toBe(v1);
      expect(sortBy(await store.listRetailPrices(), (p) => p.effectiveStartDate)).toEqual([
        { ...PRICE, effectiveStartDate: "2026-10-01T00:00:00Z" },
        { ...PRICE, retailPrice: "0.003" },
      ]);
      expect(await store.listAudit(10)).toEqual([
        {
          at: 3,
          actor: "alice",
          action: "prices.import",
          subject: "gpt-4o-0806 Inp glbl (eastus2)",
          before: PRICE,
          after: { ...PRICE, retailPrice: "0.003" },
          reason: "why",
        },
        {
          at: 1,
          actor: "alice",
          action: "prices.import",
          subject: "2 prices",
          before: null,
          after: { added: 2, effective: ["2026-10-01", "2026-11-01"] },
          reason: "why",
        },
      ]);
      await store.saveDeployments([{ name: "chat", model: null, region: "eastus2", sku: "GlobalStandard" }]);
      const v3 = await store.getPricingVersion();
      expect(v3).not.toBe(v2);
      await store.saveDeployments([{ name: "chat", model: "gpt-4o-2024-08-06", region: "eastus2", sku: "GlobalStandard" }]);
      expect(await store.getPricingVersion()).not.toBe(v3);
    });

    it("moves the catalog version with each change to apps, mappings, split rules, markups, discounts and closes, and only then", async () => {
      const store = await open();
      const versions = [await store.getCatalogVersion()];
      // Each change must leave a version no earlier change had; one that changes nothing must leave it as it was.
      for (const { change, run, moves } of CATALOG_CHANGES) {
        await run(store);
        const v = await store.getCatalogVersion();
        expect(v, change).not.toBeNull();
        if (moves) expect(versions, change).not.toContain(v);
        else expect(v, change).toBe(versions.at(-1));
        versions.push(v);
      }
    });

    it("upserts deployments, discounts, mappings, apps and owners with summaries, audit and order", async () => {
      const store = await open();
      const chat = { name: "chat", model: null, region: "eastus2", sku: "GlobalStandard" as const };
      const star = { name: "*", model: null, region: "", sku: "Standard" as const };
      expect(await store.saveDeployments([chat, star], AUDIT("deployments.import", 10))).toEqual({ added: 2, changed: 0, unchanged: 0 });
      expect(await store.saveDeployments([{ ...chat, sku: "DataZoneStandard" }, star], AUDIT("deployments.import", 11))).toEqual({
        added: 0,
        changed: 1,
        unchanged: 1,
      });
      expect(await store.listDeployments()).toEqual([star, { ...chat, sku: "DataZoneStandard" }]);

      const d1 = { family: "gpt-4o", percent: "10", validFrom: "2026-01-01", validTo: null };
      const d0 = { family: "*", percent: "5", validFrom: "2026-01-01", validTo: "2026-06-01" };
      expect(await store.saveDiscounts([d1, d0], AUDIT("discounts.import", 12))).toEqual({ added: 2, changed: 0, unchanged: 0 });
      expect(await store.saveDiscounts([{ ...d1, percent: "12.5" }], AUDIT("discounts.import", 13))).toEqual({ added: 0, changed: 1, unchanged: 0 });
      expect(await store.listDiscounts()).toEqual([d0, { ...d1, percent: "12.5" }]);

      const m1 = { appId: "app-2", costCenter: "CC-2", businessUnit: "Retail", validFrom: "2026-01-01", validTo: null };
      const m0 = { appId: "app-1", costCenter: "CC-1", businessUnit: "Ops", validFrom: "2026-02-01", validTo: "2026-03-01" };
      const m2 = { ...m0, validFrom: "2026-03-01", validTo: null };
      expect(await store.saveOrgMappings([m1, m2, m0], AUDIT("mappings.import", 14))).toEqual({ added: 3, changed: 0, unchanged: 0 });
      expect(await store.saveOrgMappings([m1, { ...m2, costCenter: "CC-9" }], AUDIT("mappings.import", 15))).toEqual({ added: 0, changed: 1, unchanged: 1 });
      expect(await store.listOrgMappings()).toEqual([m0, { ...m2, costCenter: "CC-9" }, m1]);

      expect(
        await store.saveApps([
          { appId: "b", displayName: "B" },
          { appId: "a", displayName: "A" },
        ]),
      ).toEqual({ added: 2, changed: 0, unchanged: 0 });
      expect(
        await store.saveApps([
          { appId: "a", displayName: "A2" },
          { appId: "b", displayName: "B" },
        ]),
      ).toEqual({ added: 0, changed: 1, unchanged: 1 });
      expect(await store.listApps()).toEqual([
        { appId: "a", displayName: "A2" },
        { appId: "b", displayName: "B" },
      ]);

      const o1 = { businessUnit: "Retail", principalType: "user" as const, principalId: "00000000-0000-0000-0000-000000000002", displayName: "Zoe" };
      const o2 = { businessUnit: "Retail", principalType: "group" as const, principalId: "00000000-0000-0000-0000-000000000001", displayName: "Analysts" };
      const o3 = { businessUnit: "Ops", principalType: "user" as const, principalId: "00000000-0000-0000-0000-000000000003", displayName: "Omar" };
      expect(await store.saveBusinessUnitOwners([o1, o2, o3], AUDIT("owners.import", 16))).toEqual({ added: 3, changed: 0, unchanged: 0 });
      expect(await store.saveBusinessUnitOwners([{ ...o1, displayName: "Zoë" }, o2], AUDIT("owners.import", 17))).toEqual({
        added: 0,
        changed: 1,
        unchanged: 1,
      });
      expect(await store.listBusinessUnitOwners()).toEqual([o3, o2, { ...o1, displayName: "Zoë" }]);
      expect(await store.removeBusinessUnitOwner("Ops", o3.principalId, AUDIT("owners.remove", 18))).toBe(true);
      expect(await store.removeBusinessUnitOwner("Ops", o3.principalId, AUDIT("owners.remove", 19))).toBe(false);
      expect(await store.listBusinessUnitOwners()).toEqual([o2, { ...o1, displayName: "Zoë" }]);

      const audit = await store.listAudit(100);
      expect(audit.map((e) => [e.at, e.action, e.subject])).toEqual([
        [18, "owners.remove", "Ops"],
        [17, "owners.import", "Retail"],
        [16, "owners.import", "Ops"],
        [16, "owners.import", "Retail"],
        [16, "owners.import", "Retail"],
        [15, "mappings.import", "app-1"],
        [14, "mappings.import", "app-1"],
        [14, "mappings.import", "app-1"],
        [14, "mappings.import", "app-2"],
        [13, "discounts.import", "discount gpt-4o"],
        [12, "discounts.import", "discount *"],
        [12, "discounts.import", "discount gpt-4o"],
        [11, "deployments.import", "chat"],
        [10, "deployments.import", "*"],
        [10, "deployments.import", "chat"],
      ]);
      expect(audit[0]).toEqual({ at: 18, actor: "alice", action: "owners.remove", subject: "Ops", before: o3, after: null, reason: "why" });
      expect(audit[1]).toEqual({
        at: 17,
        actor: "alice",
        action: "owners.import",
        subject: "Retail",
        before: o1,
        after: { ...o1, displayName: "Zoë" },
        reason: "why",
      });
      expect(await store.listAudit(2)).toEqual(audit.slice(0, 2));
    });

    it("upserts reservations with summaries and audit, in order, and they change the pricing version", async () => {
      const store = await open();
      const r1 = {
        deployment: "ptu",
        units: 50,
        price: "2",
        per: "hour" as const,
        currency: "USD",
        idle: "share" as const,
        outputWeight: 1,
        validFrom: "2026-11-01",
        validTo: null,
      };
      const r0 = { ...r1, validFrom: "2026-10-01", validTo: "2026-11-01", idle: "separate" as const };
      const v0 = await store.getPricingVersion();
      expect(await store.saveReservations([r1, r0], AUDIT("reservations.import", 20))).toEqual({ added: 2, changed: 0, unchanged: 0 });
      const v1 = await store.getPricingVersion();
      expect(v1).not.toBe(v0);
      expect(await store.saveReservations([r1, r0], AUDIT("reservations.import", 21))).toEqual({ added: 0, changed: 0, unchanged: 2 });
      expect(await store.getPricingVersion()).toBe(v1);
      expect(await store.saveReservations([{ ...r1, units: 60 }], AUDIT("reservations.import", 22))).toEqual({ added: 0, changed: 1, unchanged: 0 });
      const v2 = await store.getPricingVersion();
      expect(v2).not.toBe(v1);
      expect(await store.listReservations()).toEqual([r0, { ...r1, units: 60 }]);
      await store.saveReservations([{ ...r1, units: 60, outputWeight: 4 }]);
      expect(await store.getPricingVersion()).not.toBe(v2);
      await store.saveReservations([{ ...r1, units: 60 }]);
      expect((await store.listAudit(10)).map((e) => [e.at, e.subject, e.before === null])).toEqual([
        [22, "reservation ptu", false],
        [20, "reservation ptu", true],
        [20, "reservation ptu", true],
      ]);
    });

    it("upserts markups by unit, kind and start, with summaries, audit and order", async () => {
      const store = await open();
      const fee = MARKUP;
      const pct = {
        businessUnit: "*",
        kind: "percent" as const,
        amount: "5",
        currency: "",
        costCenter: "",
        label: "Platform team",
        validFrom: "2026-09-01",
        validTo: "2026-10-01",
      };
      expect(await store.saveMarkups([fee, pct], AUDIT("markups.import", 30))).toEqual({ added: 2, changed: 0, unchanged: 0 });
      expect(await store.saveMarkups([{ ...fee, amount: "750.50" }, pct], AUDIT("markups.import", 31))).toEqual({ added: 0, changed: 1, unchanged: 1 });
      expect(await store.listMarkups()).toEqual([pct, { ...fee, amount: "750.50" }]);
      expect((await store.listAudit(10)).map((e) => [e.at, e.subject, e.before === null])).toEqual([
        [31, "markup Retail", false],
        [30, "markup *", true],
        [30, "markup Retail", true],
      ]);
    });

    it("upserts split rules by id with summaries and audit, in order", async () => {
      const store = await open();
      const parts = [
        { costCenter: "CC-1", businessUnit: "Retail", percent: "50", tagValue: null },
        { costCenter: "CC-2", businessUnit: "Ops", percent: "50", tagValue: null },
      ];
      const fixed = { ...SPLIT_RULE, parts };
      const overhead = {
        id: "gateway",
        appId: null,
        deployment: null,
        amount: "1200.5",
        method: "share" as const,
        basis: "tag:feature",
        parts: parts.map((p, i) => ({ ...p, percent: null, tagValue: `f${i}` })),
        validFrom: "2026-09-01",
        validTo: "2026-12-01",
      };
      expect(await store.saveSplitRules([fixed, overhead], AUDIT("splits.import", 30))).toEqual({ added: 2, changed: 0, unchanged: 0 });
      expect(await store.saveSplitRules([overhead, fixed], AUDIT("splits.import", 31))).toEqual({ added: 0, changed: 0, unchanged: 2 });
      const ended = { ...fixed, validTo: "2026-11-01" };
      expect(await store.saveSplitRules([ended], AUDIT("splits.import", 32))).toEqual({ added: 0, changed: 1, unchanged: 0 });
      expect(await store.listSplitRules()).toEqual([overhead, ended]);
      const audit = await store.listAudit(10);
      expect(audit.map((e) => [e.at, e.subject, e.before, e.after])[0]).toEqual([32, "split rule shared", fixed, ended]);
      expect(
        audit
          .slice(1)
          .map((e) => [e.at, e.subject, e.before])
          .sort(),
      ).toEqual([
        [30, "split rule gateway", null],
        [30, "split rule shared", null],
      ]);
    });

    it("removes a split rule by id, audited with the rule it removed, once", async () => {
      const store = await open();
      const rule = SPLIT_RULE;
      const other = { ...rule, id: "other", appId: "search" };
      await store.saveSplitRules([rule, other], AUDIT("splits.import", 40));
      expect(await store.removeSplitRule("shared", AUDIT("splits.remove", 41))).toEqual(rule);
      expect(await store.removeSplitRule("shared", AUDIT("splits.remove", 42))).toBeNull();
      expect(await store.listSplitRules()).toEqual([other]);
      const audit = await store.listAudit(10);
      expect(audit.map((e) => [e.at, e.action, e.subject, e.before, e.after])[0]).toEqual([41, "splits.remove", "split rule shared", rule, null]);
      expect(audit.map((e) => e.at)).toEqual([41, 40, 40]);
      // Saved again (Undo), the rule is back as it was.
      expect(await store.saveSplitRules([rule], AUDIT("splits.restore", 43))).toEqual({ added: 1, changed: 0, unchanged: 0 });
      expect(await store.listSplitRules()).toEqual([other, rule]);
    });

    it("records price syncs, newest first", async () => {
      const store = await open();
      for (const at of [1, 2, 3]) await store.recordPriceSync({ at, ok: at !== 2, items: at * 10, detail: `run ${at}` });
      expect(await store.listPriceSyncs(2)).toEqual([
        { at: 3, ok: true, items: 30, detail: "run 3" },
        { at: 2, ok: false, items: 20, detail: "run 2" },
      ]);
    });

    it("keeps doctor runs and gives the latest", async () => {
      const store = await open();
      expect(await store.getLastDoctorRun()).toBeNull();
      const run = (at: number, source: string) => ({
        at,
        source,
        checked: [{ kind: "cosmos-account" as const, id: "/subscriptions/s/resourceGroups/g/providers/Microsoft.DocumentDB/databaseAccounts/a" }],
        findings: at === 2 ? [{ resource: "a", rule: "cosmos.local-auth", severity: "FAIL" as const, why: "keys enabled", fix: "disable local auth" }] : [],
      });
      await store.recordDoctorRun(run(1, "template"));
      await store.recordDoctorRun(run(2, "azure"));
      expect(await store.getLastDoctorRun()).toEqual(run(2, "azure"));
    });

    it("keeps each consumer's last measured lag", async () => {
      const store = await open();
      expect(await store.listPipelineLag()).toEqual([]);
      const lag = (consumer: string, at: number, lastEnqueued: number) => ({
        consumer,
        at,
        partitions: [{ partitionId: "0", lastEnqueuedSequenceNumber: lastEnqueued, checkpointedSequenceNumber: 10, lag: lastEnqueued - 10 }],
      });
      await store.recordPipelineLag(lag("usage/chargeback", 1, 15));
      await store.recordPipelineLag(lag("usage/audit", 1, 10));
      await store.recordPipelineLag(lag("usage/chargeback", 2, 40));
      expect(await store.listPipelineLag()).toEqual([lag("usage/audit", 1, 10), lag("usage/chargeback", 2, 40)]);
    });

    it("keeps ingest keys: find, list oldest first, revoke once", async () => {
      const store = await open();
      const k2 = { id: "bbbbbbbbbbbb", source: "apim-b", secretHash: "ab".repeat(32), createdAt: 2000, revokedAt: null };
      const k1 = { id: "aaaaaaaaaaaa", source: "apim-a", secretHash: "cd".repeat(32), createdAt: 1000, revokedAt: null };
      await store.saveIngestKey(k2);
      await store.saveIngestKey(k1);
      expect(await store.findIngestKey("aaaaaaaaaaaa")).toEqual(k1);
      expect(await store.findIngestKey("cccccccccccc")).toBeNull();
      expect(await store.listIngestKeys()).toEqual([k1, k2]);
      expect(await store.revokeIngestKey("aaaaaaaaaaaa", 5000)).toBe(true);
      expect(await store.revokeIngestKey("aaaaaaaaaaaa", 6000)).toBe(false);
      expect(await store.revokeIngestKey("cccccccccccc", 6000)).toBe(false);
      expect(await store.findIngestKey("aaaaaaaaaaaa")).toEqual({ ...k1, revokedAt: 5000 });
    });

    it("remembers the first body digest of each idempotency key, whoever asks again", async () => {
      const store = await open();
      expect(await store.saveIdempotencyKey("http:k1:retry-1", "digest-a", 1000)).toBe("digest-a");
      expect(await store.saveIdempotencyKey("http:k1:retry-1", "digest-b", 2000)).toBe("digest-a");
      expect(await store.saveIdempotencyKey("http:k2:retry-1", "digest-b", 2000)).toBe("digest-b");
      const racing = await Promise.all(["x", "y", "z"].map((d) => store.saveIdempotencyKey("http:k1:race", d, 3000)));
      expect(new Set(racing).size).toBe(1);
    });

    it("keeps sessions: seen again moves lastSeenAt only forward, revoked stays revoked, a group's revocation ends its members' sessions", async () => {
      const store = await open();
      const base = { principalId: "u-1", groups: [] as string[], startedAt: 1000, lastSeenAt: 1000, revokedAt: null };
      await store.saveSession({ id: "session-a-000000000000", ...base });
      await store.saveSession({ id: "session-b-000000000000", ...base, principalId: "u-2", groups: ["g-1", "g-2"] });
      await store.saveSession({ id: "session-c-000000000000", ...base, principalId: "u-3" });
      expect(await store.findSession("session-a-000000000000")).toEqual({ id: "session-a-000000000000", ...base });
      expect(await store.findSession("no-such-session")).toBeNull();

      await store.saveSession({ id: "session-a-000000000000", ...base, lastSeenAt: 5000 });
      await store.saveSession({ id: "session-a-000000000000", ...base, lastSeenAt: 3000 });
      expect((await store.findSession("session-a-000000000000"))?.lastSeenAt).toBe(5000);

      expect(await store.revokeSessions({ sessionId: "session-a-000000000000" }, 6000)).toBe(1);
      expect(await store.revokeSessions({ sessionId: "session-a-000000000000" }, 7000)).toBe(0);
      await store.saveSession({ id: "session-a-000000000000", ...base, lastSeenAt: 8000 });
      expect((await store.findSession("session-a-000000000000"))?.revokedAt).toBe(6000);

      expect(await store.revokeSessions({ principalId: "g-2" }, 9000)).toBe(1);
      expect((await store.findSession("session-b-000000000000"))?.revokedAt).toBe(9000);
      expect(await store.revokeSessions({ principalId: "u-3" }, 9500)).toBe(1);
      expect(await store.revokeSessions({ principalId: "u-3" }, 9600)).toBe(0);
      expect(await store.revokeSessions({ principalId: "nobody" }, 9700)).toBe(0);
    });

    it("replaces directory entries by app id", async () => {
      const store = await open();
      const found = {
        appId: "b",
        status: "found" as const,
        displayName: "B app",
        servicePrincipalType: "Application",
        appOwnerOrganizationId: null,
        owners: [{ id: "o1", displayName: "Olga", userPrincipalName: null }],
        syncedAt: 10,
      };
      await store.saveDirectoryEntries([found, { appId: "a", status: "unknown", syncedAt: 10 }]);
      await store.saveDirectoryEntries([
        { appId: "a", status: "found", displayName: "A app", servicePrincipalType: "ManagedIdentity", appOwnerOrganizationId: "t1", owners: [], syncedAt: 20 },
      ]);
      expect(await store.listDirectoryEntries()).toEqual([
        { appId: "a", status: "found", displayName: "A app", servicePrincipalType: "ManagedIdentity", appOwnerOrganizationId: "t1", owners: [], syncedAt: 20 },
        found,
      ]);
    });
  });

  describe(`${name} store: closed months`, () => {
    it("freezes a month's statement lines and logs closes and reopens", async () => {
      const store = await open();
      expect(await store.getClosedMonth("2026-10")).toBeNull();
      const closed = {
        month: "2026-10",
        closedAt: 100,
        closedBy: "Fiona",
        currency: "USD",
        unpriced: [{ businessUnit: "Retail", reason: "no price", requests: 2, totalTokens: 30 }],
      };
      const usage = line({});
      const adjustment = line({
        kind: "adjustment",
        forMonth: "2026-09",
        reason: "mapping changed",
        atto: -5n * 10n ** 16n,
        cents: -5n,
        listAtto: -5n * 10n ** 16n,
        listCents: -5n,
      });
      // The same app, cost center and model, once by its mapping and once by a split rule: two lines.
      const split = line({ rule: "shared-assistant", atto: 7n, cents: 0n, listAtto: 7n, listCents: 0n });
      await store.saveClosedMonth(closed, [usage, adjustment, split], { month: "2026-10", action: "close", by: "Fiona", at: 100, reason: "" });
      await expect(store.saveClosedMonth(closed, [usage], { month: "2026-10", action: "close", by: "Bob", at: 101, reason: "" })).rejects.toThrow();
      expect(await store.getClosedMonth("2026-10")).toEqual(closed);
      expect(await store.listClosedMonths()).toEqual([closed]);
      expect(sortBy(await store.listStatementLines({ month: "2026-10" }), (l) => `${l.kind}|${l.rule}`)).toEqual([adjustment, usage, split]);
      expect(await store.listStatementLines({ forMonth: "2026-09" })).toEqual([adjustment]);
      expect(await store.listStatementLines({ month: "2026-09" })).toEqual([]);

      await store.deleteClosedMonth("2026-10", { month: "2026-10", action: "reopen", by: "Fiona", at: 200, reason: "late mapping fix" });
      expect(await store.getClosedMonth("2026-10")).toBeNull();
      expect(await store.listStatementLines({ month: "2026-10" })).toEqual([]);
      expect(await store.listStatementLines({ forMonth: "2026-09" })).toEqual([]);
      expect(await store.listMonthLog()).toEqual([
        { month: "2026-10", action: "close", by: "Fiona", at: 100, reason: "" },
        { month: "2026-10", action: "reopen", by: "Fiona", at: 200, reason: "late mapping fix" },
      ]);
    });
  });

  describe(`${name} store: materialized ledger`, () => {
    it("changes a month's usage version with each batch that adds to its rollups, and keeps ledger parts per month and name, large ones whole", async () => {
      const store = await open();
      expect(await store.getUsageVersion("2026-11")).toBe("0");
      await store.saveUsageBatch(BATCH);
      const first = await store.getUsageVersion("2026-11");
      expect(first).not.toBe("0");
      expect(await store.getUsageVersion("2026-10")).toBe("0");
      await store.saveUsageBatch({ ...BATCH, events: BATCH.events.map((e) => ({ ...e, id: `${e.id}-again` })), quarantined: [] });
      expect(await store.getUsageVersion("2026-11")).not.toBe(first);

      expect(await store.getLedgerPart("2026-11", "lines")).toBeNull();
      // Over 1.5 MB: more than one Cosmos DB document holds.
      const large = JSON.stringify(Array.from({ length: 200_000 }, (_, i) => `line ${i}`));
      await store.saveLedgerParts("2026-11", "v1", 100, [
        { part: "lines", body: large },
        { part: "app:a/b?c#d", body: "[1]" },
      ]);
      expect(await store.getLedgerPart("2026-11", "lines")).toEqual({ stamp: "v1", builtAt: 100, body: large });
      expect(await store.getLedgerPart("2026-11", "app:a/b?c#d")).toEqual({ stamp: "v1", builtAt: 100, body: "[1]" });
      expect(await store.getLedgerPart("2026-10", "lines")).toBeNull();
      await store.saveLedgerParts("2026-11", "v2", 200, [{ part: "lines", body: "[]" }]);
      expect(await store.getLedgerPart("2026-11", "lines")).toEqual({ stamp: "v2", builtAt: 200, body: "[]" });
      expect(await store.getLedgerPart("2026-11", "app:a/b?c#d")).toEqual({ stamp: "v1", builtAt: 100, body: "[1]" });
    });
  });

  describe(`${name} store: invoice lines`, () => {
    it("replaces an import's lines with the same id, keeps other imports', and reads only the days asked for", async () => {
      const store = await open();
      expect(await store.saveInvoiceImport(IMPORT, [INVOICE_LINE, { ...INVOICE_LINE, day: "2026-12-01", tokens: 5n }])).toEqual({ alreadyImported: false });
      expect(await store.saveInvoiceImport(IMPORT, [INVOICE_LINE, { ...INVOICE_LINE, day: "2026-12-01", tokens: 5n }])).toEqual({ alreadyImported: true });
      const other = { ...IMPORT, id: "b".repeat(64), importedAt: 2000 };
      const credit = { ...INVOICE_LINE, chargeCategory: "Credit", tokens: 0n, billedAtto: -(10n ** 17n), effectiveAtto: -(10n ** 17n) };
      await store.saveInvoiceImport(other, [credit]);
      expect(await store.listInvoiceLines("2026-11-01", "2026-12-01")).toEqual([credit, INVOICE_LINE]);
      expect(await store.listInvoiceLines("2026-12-01", "2027-01-01")).toEqual([{ ...INVOICE_LINE, day: "2026-12-01", tokens: 5n }]);
      expect(await store.listInvoiceImports()).toEqual([IMPORT, other]);

      // A fuller export supersedes both: their records and lines go, in the same write.
      const fuller = { ...IMPORT, id: "c".repeat(64), importedAt: 3000 };
      await store.saveInvoiceImport(fuller, [{ ...INVOICE_LINE, tokens: 7n }], [IMPORT.id, other.id]);
      expect(await store.listInvoiceImports()).toEqual([fuller]);
      expect(await store.listInvoiceLines("2026-11-01", "2027-01-01")).toEqual([{ ...INVOICE_LINE, tokens: 7n }]);
    });
  });
}

const IMPORT = {
  id: "a".repeat(64),
  file: "focus.csv.gz",
  format: "focus" as const,
  rows: 10,
  counted: 3,
  skipped: { "not a token meter (audio or realtime meter)": 7 },
  fromDay: "2026-11-03",
  toDay: "2026-12-01",
  resources: ["/subscriptions/s/resourcegroups/rg/providers/microsoft.cognitiveservices/accounts/aoai-east"],
  importedAt: 1000,
};
const INVOICE_LINE = {
  day: "2026-11-03",
  resourceId: "/subscriptions/s/resourcegroups/rg/providers/microsoft.cognitiveservices/accounts/aoai-east",
  region: "eastus2",
  meterName: "gpt-4o-0806-Inp-glbl",
  modelId: "gpt-4o-2024-08-06",
  sku: "global" as const,
  batch: false,
  kind: "input" as const,
  chargeCategory: "Usage",
  currency: "USD",
  rows: 2,
  tokens: 123_456_789_012n,
  billedAtto: 308_641_972_530_000_000_000n,
  effectiveAtto: 300_000_000_000_000_000_001n,
};

const sortBy = <T>(rows: T[], key: (r: T) => string) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
const dailyKey = (d: DailyUsage) => [d.day, d.appId, d.deployment, d.model, d.region, d.operation, d.tokenKinds].join("|");
const sortDaily = (rows: DailyUsage[]) => sortBy(rows, dailyKey);

const AUDIT = (action: string, at: number) => ({ actor: "alice", action, reason: "why", at });

const SPLIT_RULE = {
  id: "shared",
  appId: "assistant",
  deployment: null,
  amount: null,
  method: "fixed" as const,
  basis: null,
  parts: [
    { costCenter: "CC-1", businessUnit: "Retail", percent: "60", tagValue: null },
    { costCenter: "CC-2", businessUnit: "Ops", percent: "40", tagValue: null },
  ],
  validFrom: "2026-10-01",
  validTo: null,
};
const MAPPING = { appId: "a", costCenter: "CC-1", businessUnit: "Ops", validFrom: "2026-01-01", validTo: null };
const MARKUP = {
  businessUnit: "Retail",
  kind: "fee" as const,
  amount: "500",
  currency: "USD",
  costCenter: "CC-1",
  label: "",
  validFrom: "2026-09-01",
  validTo: null,
};
const CLOSED = { month: "2026-10", closedAt: 100, closedBy: "Fiona", currency: "USD", unpriced: [] };

/** Catalog changes in order, each on the store as the ones before left it, and whether it moves the catalog version. */
const CATALOG_CHANGES: { change: string; run: (store: UsageStore) => Promise<unknown>; moves: boolean }[] = [
  { change: "new app", run: (s) => s.saveApps([{ appId: "a", displayName: "A" }]), moves: true },
  { change: "same app again", run: (s) => s.saveApps([{ appId: "a", displayName: "A" }]), moves: false },
  { change: "app renamed", run: (s) => s.saveApps([{ appId: "a", displayName: "A2" }]), moves: true },
  { change: "new mapping", run: (s) => s.saveOrgMappings([MAPPING], AUDIT("mappings.import", 1)), moves: true },
  { change: "mapping changed", run: (s) => s.saveOrgMappings([{ ...MAPPING, costCenter: "CC-2" }], AUDIT("mappings.import", 2)), moves: true },
  { change: "split rule saved", run: (s) => s.saveSplitRules([SPLIT_RULE], AUDIT("splits.import", 3)), moves: true },
  { change: "split rule removed", run: (s) => s.removeSplitRule("shared", AUDIT("splits.remove", 4)), moves: true },
  { change: "markup saved", run: (s) => s.saveMarkups([MARKUP], AUDIT("markups.import", 5)), moves: true },
  {
    change: "discount saved",
    run: (s) => s.saveDiscounts([{ family: "gpt-4o", percent: "10", validFrom: "2026-01-01", validTo: null }], AUDIT("discounts.import", 6)),
    moves: true,
  },
  {
    change: "month closed",
    run: (s) => s.saveClosedMonth(CLOSED, [], { month: "2026-10", action: "close", by: "Fiona", at: 100, reason: "" }),
    moves: true,
  },
  {
    change: "month reopened",
    run: (s) => s.deleteClosedMonth("2026-10", { month: "2026-10", action: "reopen", by: "Fiona", at: 200, reason: "" }),
    moves: true,
  },
];

const PRICE = {
  meterId: "m-1",
  meterName: "gpt-4o-0806 Inp glbl",
  productName: "Azure OpenAI",
  skuName: "gpt-4o-0806 Inp glbl",
  serviceName: "Foundry Models",
  armRegionName: "eastus2",
  unitOfMeasure: "1K",
  retailPrice: "0.0025",
  effectiveStartDate: "2026-11-01T00:00:00Z",
  currencyCode: "USD",
  type: "Consumption",
  tierMinimumUnits: "0",
};

const line = (overrides: Partial<CostedLine>): CostedLine => ({
  kind: "usage",
  forMonth: "2026-10",
  businessUnit: "Retail",
  costCenter: "CC-1",
  appId: "app-1",
  appName: "App One",
  model: "gpt-4o-2024-08-06",
  reason: "",
  tokens: { requests: 3, promptTokens: 3000, cachedTokens: 1000, completionTokens: 300, totalTokens: 3300 },
  // 12.345678901234567891 dollars: more digits than a double holds.
  atto: 12_345_678_901_234_567_891n,
  cents: 1235n,
  listAtto: 13_000_000_000_000_000_001n,
  listCents: 1300n,
  prices: ["gpt-4o-0806 Inp glbl @ 0.0025/1K", "gpt-4o-0806 Outp glbl @ 0.01/1K"],
  rule: "",
  ...overrides,
});

const q = (id: string) => ({ id, source: `file.ndjson:${id}`, raw: `{oops ${id}`, reason: "not valid JSON" });

const event = (id: string, time: string, e: Partial<UsageEvent>): IncomingEvent => ({
  id,
  source: `test:${id}`,
  event: {
    shape: "chargeback/v1",
    requestId: id,
    time: Date.parse(time),
    appId: "app-1",
    deployment: "chat",
    model: "gpt-4o-2024-08-06",
    operation: "chat.completions",
    region: "eastus2",
    promptTokens: 0,
    cachedTokens: 0,
    completionTokens: 0,
    reasoningTokens: 0,
    totalTokens: 0,
    modelTimeMs: null,
    status: 200,
    streamed: false,
    subscriptionId: null,
    product: null,
    ...e,
  },
});

const BAD_KEY = "tag dropped: key not 1-32 of [a-z0-9_.-]";
const tagged = (id: string, time: string, source: string, e: Partial<UsageEvent>): IncomingEvent => ({ ...event(id, time, e), source });

/** Tagged events and every outcome: t5 throttled, t6 a cut-off stream without usage, t7 a filtered prompt without usage, t8 an error, t9 a timeout with usage. */
export const TAGGED: UsageBatch = {
  receivedAt: 1_790_000_000_000,
  events: [
    tagged("t1", "2026-11-10T10:00:00Z", "file.ndjson:1", {
      tags: { project: "apollo", env: "prod" },
      endUser: "alice",
      promptTokens: 100,
      completionTokens: 10,
      totalTokens: 110,
      warnings: [BAD_KEY],
    }),
    tagged("t2", "2026-11-10T11:00:00Z", "file.ndjson:2", { tags: { project: "apollo" }, promptTokens: 50, completionTokens: 5, totalTokens: 55 }),
    tagged("t3", "2026-11-10T12:00:00Z", "file.ndjson:3", {
      tags: { project: "zeus" },
      endUser: "bob",
      promptTokens: 20,
      totalTokens: 20,
      warnings: [BAD_KEY],
    }),
    tagged("t4", "2026-11-11T09:00:00Z", "eventhub:hub/0#5", {
      appId: "app-2",
      endUser: "alice",
      promptTokens: 7,
      completionTokens: 3,
      totalTokens: 10,
      warnings: ["endUser dropped: over 128 characters"],
    }),
    tagged("t5", "2026-11-10T13:00:00Z", "file.ndjson:5", { tags: { project: "apollo" }, status: 429 }),
    tagged("t6", "2026-11-10T14:00:00Z", "file.ndjson:6", { tags: { project: "apollo" }, streamed: true, errorCode: "client_disconnect" }),
    tagged("t7", "2026-11-11T10:00:00Z", "file.ndjson:7", { appId: "app-2", status: 400, errorCode: "content_filter" }),
    tagged("t8", "2026-11-11T11:00:00Z", "file.ndjson:8", { appId: "app-2", status: 500, promptTokens: 5, totalTokens: 5 }),
    tagged("t9", "2026-11-10T15:00:00Z", "file.ndjson:9", { status: 504, promptTokens: 30, totalTokens: 30 }),
  ],
  quarantined: [],
};

const dimension = (d: DailyUsage, dimension: string, value: string) => ({ ...d, dimension, value });

const sol = {
  model: "gpt-5.6-sol",
  tags: { project: "apollo" },
  promptTokens: 10_000,
  cachedTokens: 2_000,
  cacheWriteTokens: 3_000,
  completionTokens: 500,
  totalTokens: 10_500,
};
const realtime = {
  model: "gpt-realtime",
  operation: "realtime",
  tags: { project: "apollo" },
  promptTokens: 9_000,
  cachedTokens: 3_000,
  audioInputTokens: 6_000,
  audioCachedTokens: 2_500,
  completionTokens: 1_200,
  audioOutputTokens: 1_000,
  totalTokens: 10_200,
};

/** Calls billed on different meters: standard, priority, a long prompt, realtime audio twice, an image. */
export const BILLED_KINDS: UsageBatch = {
  receivedAt: 1_790_000_000_000,
  events: [
    event("b1", "2026-11-12T10:00:00Z", sol),
    event("b2", "2026-11-12T10:01:00Z", { ...sol, serviceTier: "priority" }),
    event("b3", "2026-11-12T10:02:00Z", { ...sol, promptTokens: 300_000, totalTokens: 300_500 }),
    event("b4", "2026-11-12T10:03:00Z", realtime),
    event("b5", "2026-11-12T10:04:00Z", realtime),
    event("b6", "2026-11-12T10:05:00Z", {
      model: "gpt-image-1",
      operation: "images.generations",
      tags: { project: "apollo" },
      promptTokens: 700,
      imageInputTokens: 500,
      completionTokens: 4_160,
      imageOutputTokens: 4_160,
      totalTokens: 4_860,
    }),
  ],
  quarantined: [],
};

/** Six facts over two apps, two days, two deployments; the last repeats the first's id. */
export const BATCH: UsageBatch = {
  receivedAt: 1_790_000_000_000,
  events: [
    event("e1", "2026-11-10T10:05:00Z", { promptTokens: 1000, completionTokens: 100, totalTokens: 1100, modelTimeMs: 150 }),
    event("e2", "2026-11-10T10:40:00Z", {
      promptTokens: 2000,
      cachedTokens: 500,
      completionTokens: 300,
      reasoningTokens: 50,
      totalTokens: 2300,
      modelTimeMs: 90,
    }),
    event("e3", "2026-11-10T11:00:00Z", { promptTokens: 10, completionTokens: 5, totalTokens: 15 }),
    event("e4", "2026-11-10T10:59:59Z", {
      deployment: "embed",
      model: "text-embedding-3-small",
      operation: "embeddings",
      promptTokens: 400,
      totalTokens: 400,
      modelTimeMs: 70_000,
    }),
    event("e5", "2026-11-10T23:59:59.999Z", { appId: "app-2", promptTokens: 100, completionTokens: 10, totalTokens: 110, modelTimeMs: 500 }),
    event("e6", "2026-11-11T00:00:00Z", { promptTokens: 1, completionTokens: 1, totalTokens: 2, modelTimeMs: 100 }),
    event("e1", "2026-11-10T10:05:00Z", { promptTokens: 1000, completionTokens: 100, totalTokens: 1100, modelTimeMs: 150 }),
  ],
  quarantined: [q("q-1"), q("q-1")],
};

const daily = (day: string, appId: string, deployment: string, model: string, operation: string, tokenKinds: number, n: number[]): DailyUsage => ({
  day,
  appId,
  deployment,
  model,
  region: "eastus2",
  operation,
  tokenKinds,
  ...tiersOfKinds(tokenKinds),
  ...noDetails(),
  requests: BigInt(itemAt(n, 0)),
  promptTokens: BigInt(itemAt(n, 1)),
  cachedTokens: BigInt(itemAt(n, 2)),
  completionTokens: BigInt(itemAt(n, 3)),
  reasoningTokens: BigInt(itemAt(n, 4)),
  totalTokens: BigInt(itemAt(n, 5)),
  modelTimeMs: BigInt(itemAt(n, 6)),
});

// Summed by hand: token kinds 1 input, 2 cached, 4 output.
const EXPECTED_DAILY = sortDaily([
  daily("2026-11-10", "app-1", "chat", "gpt-4o-2024-08-06", "chat.completions", 5, [2, 1010, 0, 105, 0, 1115, 150]), // e1 + e3
  daily("2026-11-10", "app-1", "chat", "gpt-4o-2024-08-06", "chat.completions", 7, [1, 2000, 500, 300, 50, 2300, 90]), // e2
  daily("2026-11-10", "app-1", "embed", "text-embedding-3-small", "embeddings", 1, [1, 400, 0, 0, 0, 400, 70_000]), // e4
  daily("2026-11-10", "app-2", "chat", "gpt-4o-2024-08-06", "chat.completions", 5, [1, 100, 0, 10, 0, 110, 500]), // e5
  daily("2026-11-11", "app-1", "chat", "gpt-4o-2024-08-06", "chat.completions", 5, [1, 1, 0, 1, 0, 2, 100]), // e6
]);

const details = (d: DailyUsage, n: Partial<Record<keyof ReturnType<typeof noDetails>, number>>): DailyUsage => ({
  ...d,
  ...Object.fromEntries(Object.entries(n).map(([k, v]) => [k, BigInt(v)])),
});

// tokenKinds summed by hand: 1 input, 2 cached, 4 output, 8 cache write, 16 audio, 32 image, 64 priority, 256 long context.
const EXPECTED_BILLED_KINDS = sortDaily([
  details(daily("2026-11-12", "app-1", "chat", "gpt-5.6-sol", "chat.completions", 15, [1, 10_000, 2_000, 500, 0, 10_500, 0]), { cacheWriteTokens: 3_000 }),
  details(daily("2026-11-12", "app-1", "chat", "gpt-5.6-sol", "chat.completions", 79, [1, 10_000, 2_000, 500, 0, 10_500, 0]), { cacheWriteTokens: 3_000 }),
  details(daily("2026-11-12", "app-1", "chat", "gpt-5.6-sol", "chat.completions", 271, [1, 300_000, 2_000, 500, 0, 300_500, 0]), { cacheWriteTokens: 3_000 }),
  details(daily("2026-11-12", "app-1", "chat", "gpt-realtime", "realtime", 23, [2, 18_000, 6_000, 2_400, 0, 20_400, 0]), {
    audioInputTokens: 12_000,
    audioCachedTokens: 5_000,
    audioOutputTokens: 2_000,
  }),
  details(daily("2026-11-12", "app-1", "chat", "gpt-image-1", "images.generations", 37, [1, 700, 0, 4_160, 0, 4_860, 0]), {
    imageInputTokens: 500,
    imageOutputTokens: 4_160,
  }),
]);

const buckets = (counts: Record<number, number>) => BUCKET_COLUMNS.map((_, i) => counts[i] ?? 0);
const hourly = (hour: string, appId: string, deployment: string, n: number[], counts: Record<number, number>) => ({
  hour,
  appId,
  deployment,
  requests: n[0],
  promptTokens: n[1],
  cachedTokens: n[2],
  completionTokens: n[3],
  totalTokens: n[4],
  timedRequests: n[5],
  modelTimeMs: n[6],
  buckets: buckets(counts),
});

// Buckets: ≤100 ms is 0, ≤200 is 1, ≤500 is 3, over 60 s is 15.
const EXPECTED_HOURLY = [
  hourly("2026-11-10T10", "app-1", "chat", [2, 3000, 500, 400, 3400, 2, 240], { 0: 1, 1: 1 }), // e1 + e2
  hourly("2026-11-10T10", "app-1", "embed", [1, 400, 0, 0, 400, 1, 70_000], { 15: 1 }), // e4
  hourly("2026-11-10T11", "app-1", "chat", [1, 10, 0, 5, 15, 0, 0], {}), // e3, untimed
  hourly("2026-11-10T23", "app-2", "chat", [1, 100, 0, 10, 110, 1, 500], { 3: 1 }), // e5
  hourly("2026-11-11T00", "app-1", "chat", [1, 1, 0, 1, 2, 1, 100], { 0: 1 }), // e6
];
