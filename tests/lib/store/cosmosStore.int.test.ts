import type { AddressInfo } from "node:net";
import { createHttpsServer } from "@vercel/cosmosdb-server";
import { describe, expect, it } from "vitest";
import { CosmosStore } from "../../../lib/store/cosmos/cosmosStore";
import { toEventDoc } from "../../../lib/store/cosmos/mappers";
import { healRollups, markDirty, writeEvents } from "../../../lib/store/cosmos/usageWriter";
import { useCosmosServer } from "../../support/cosmosServer";
import { BATCH, storeContract } from "./storeContract";
import { itemAt } from "../../../lib/core/arrays";
import { budgetStoreContract } from "./budgetStoreContract";

const cosmos = useCosmosServer();

storeContract("Cosmos DB", () => cosmos.freshStore());
budgetStoreContract("Cosmos DB", () => cosmos.freshStore());

describe("Cosmos DB store: exactly once without an atomic batch", () => {
  it("heals rollups after a crash between the facts and their rollups, counting nothing twice", async () => {
    const store = cosmos.freshStore();
    const healthy = cosmos.freshStore();
    await healthy.saveUsageBatch(BATCH);
    // The crash: the facts were written, the rollups never were.
    expect((await writeEvents(await store.containers(), BATCH.events, BATCH.receivedAt)).inserted).toEqual([true, true, true, true, true, true, false]);
    expect(await store.listDailyUsage("2026-11-01", "2026-12-01")).toEqual([]);
    // The redelivery: every event is a duplicate, and its partitions' rollups are rebuilt.
    const again = await store.saveUsageBatch(BATCH);
    expect(again.inserted).toEqual(BATCH.events.map(() => false));
    expect(await store.listDailyUsage("2026-11-01", "2026-12-01")).toEqual(await healthy.listDailyUsage("2026-11-01", "2026-12-01"));
    expect(await store.listHourlyUsage("2026-11-01", "2026-12-01", ["chat", "embed"])).toEqual(
      await healthy.listHourlyUsage("2026-11-01", "2026-12-01", ["chat", "embed"]),
    );
    expect(await store.listUsageAppIds()).toEqual(["app-1", "app-2"]);
  });

  it("heals the partitions of a write that died and is never delivered again", async () => {
    const store = cosmos.freshStore();
    const healthy = cosmos.freshStore();
    await healthy.saveUsageBatch(BATCH);
    const c = await store.containers();
    // The crash: the partitions were marked and the facts written, then the writer died for good.
    const partitions = [...new Set(BATCH.events.map((e) => toEventDoc(e, BATCH.receivedAt).pk))];
    await markDirty(c, partitions, 1_000);
    await writeEvents(c, BATCH.events, BATCH.receivedAt);
    expect(await healRollups(c, 60_000, 30_000)).toBe(0); // a marker younger than a minute may be a live writer
    expect(await healRollups(c, 60_000, 61_000)).toBe(partitions.length);
    expect(await store.listDailyUsage("2026-11-01", "2026-12-01")).toEqual(await healthy.listDailyUsage("2026-11-01", "2026-12-01"));
    expect(await healRollups(c, 60_000, 120_000)).toBe(0); // healed once, markers gone
  });

  it("sums every fact when two writers save batches of one app and day at once", async () => {
    const store = cosmos.freshStore();
    const first = itemAt(BATCH.events, 0);
    const events = Array.from({ length: 40 }, (_, i) => ({ ...first, id: `c${i}`, event: { ...first.event, requestId: `c${i}` } }));
    await Promise.all([0, 1, 2, 3].map((k) => store.saveUsageBatch({ events: events.filter((_, i) => i % 4 === k), quarantined: [], receivedAt: 1 })));
    const [row] = await store.listDailyUsage("2026-11-10", "2026-11-11");
    expect(row).toMatchObject({ requests: 40n, promptTokens: 40_000n, totalTokens: 44_000n });
  });
});

describe("Cosmos DB store: closing a month without a transaction", () => {
  it("never reads lines of a close that crashed before its record, and the next close replaces them", async () => {
    const store = cosmos.freshStore();
    const log = { month: "2026-10", action: "close" as const, by: "Fiona", at: 1, reason: "" };
    const closed = { month: "2026-10", closedAt: 1, closedBy: "Fiona", currency: "USD", unpriced: [] };
    const line = (appId: string) => ({
      kind: "usage" as const,
      forMonth: "2026-10",
      businessUnit: "Retail",
      costCenter: "CC-1",
      appId,
      appName: appId,
      model: "gpt-4o",
      reason: "",
      tokens: { requests: 1, promptTokens: 1, cachedTokens: 0, completionTokens: 1, totalTokens: 2 },
      atto: 1n,
      cents: 0n,
      listAtto: 1n,
      listCents: 0n,
      prices: [],
      rule: "",
    });
    await store.saveClosedMonth(closed, [line("stale-1"), line("stale-2")], log);
    // The crash: the lines were written, the closed record never was.
    await (await store.containers()).months.item("closed", "2026-10").delete();
    expect(await store.listStatementLines({ month: "2026-10" })).toEqual([]);
    expect(await store.listStatementLines({ forMonth: "2026-10" })).toEqual([]);
    await store.saveClosedMonth(closed, [line("app-1")], log);
    expect(await store.listStatementLines({ month: "2026-10" })).toEqual([line("app-1")]);
  });

  it("keeps the winner's statement whole when two closes of a month race, and after a reopen and a new close", async () => {
    const store = cosmos.freshStore();
    const log = { month: "2026-10", action: "close" as const, by: "Fiona", at: 1, reason: "" };
    const closed = { month: "2026-10", closedAt: 1, closedBy: "Fiona", currency: "USD", unpriced: [] };
    const line = (appId: string) => ({
      kind: "usage" as const,
      forMonth: "2026-10",
      businessUnit: "Retail",
      costCenter: "CC-1",
      appId,
      appName: appId,
      model: "gpt-4o",
      reason: "",
      tokens: { requests: 1, promptTokens: 1, cachedTokens: 0, completionTokens: 1, totalTokens: 2 },
      atto: 1n,
      cents: 0n,
      listAtto: 1n,
      listCents: 0n,
      prices: [],
      rule: "",
    });
    const results = await Promise.allSettled([
      store.saveClosedMonth(closed, [line("app-1"), line("app-2")], log),
      store.saveClosedMonth(closed, [line("app-1"), line("late-app")], log),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const winner = results[0].status === "fulfilled" ? [line("app-1"), line("app-2")] : [line("app-1"), line("late-app")];
    const byApp = (lines: { appId: string }[]) => [...lines].sort((a, b) => a.appId.localeCompare(b.appId));
    expect(byApp(await store.listStatementLines({ month: "2026-10" }))).toEqual(winner);
    await store.deleteClosedMonth("2026-10", { ...log, action: "reopen", reason: "a late price" });
    await store.saveClosedMonth(closed, [line("app-3")], log);
    expect(await store.listStatementLines({ forMonth: "2026-10" })).toEqual([line("app-3")]);
  });
});

describe("Cosmos DB store: ingest keys", () => {
  it("reports one success when the same key is revoked twice at once (ETag condition)", async () => {
    const store = cosmos.freshStore();
    await store.saveIngestKey({ id: "aaaaaaaaaaaa", source: "apim", secretHash: "ab".repeat(32), createdAt: 1, revokedAt: null });
    const results = await Promise.all([store.revokeIngestKey("aaaaaaaaaaaa", 10), store.revokeIngestKey("aaaaaaaaaaaa", 20)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await store.findIngestKey("aaaaaaaaaaaa"))?.revokedAt).toBe(results[0] ? 10 : 20);
  });
});

describe("Cosmos DB store over HTTPS", () => {
  it("trusts a loopback test server's self-signed certificate", async () => {
    const server = createHttpsServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const store = CosmosStore.open({ endpoint: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, database: "tls", key: "test" });
    try {
      await store.saveUsageBatch(BATCH);
      expect(await store.getUsageDayRange()).toEqual({ first: "2026-11-10", last: "2026-11-11" });
    } finally {
      await store.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
