import type { AddressInfo } from "node:net";
import { createHttpsServer } from "@vercel/cosmosdb-server";
import { describe, expect, it } from "vitest";
import { CosmosStore } from "../../../lib/store/cosmos/cosmosStore";
import { toEventDoc } from "../../../lib/store/cosmos/mappers";
import { healRollups, takeLease, writeUnderLease } from "../../../lib/store/cosmos/usageWriter";
import { LeaseLost, createClaims } from "../../../lib/store/cosmos/eventClaims";
import type { IncomingEvent, UsageBatch } from "../../../lib/store/port";
import { useCosmosServer } from "../../support/cosmosServer";
import { BATCH, storeContract } from "./storeContract";
import { itemAt } from "../../../lib/core/arrays";
import { budgetStoreContract } from "./budgetStoreContract";

const cosmos = useCosmosServer();

storeContract("Cosmos DB", () => cosmos.freshStore());
budgetStoreContract("Cosmos DB", () => cosmos.freshStore());

/** The batch's first events (an identity once), grouped by app-day partition as the writer groups them. */
function partsOf(batch: UsageBatch): [string, IncomingEvent[]][] {
  const parts = new Map<string, IncomingEvent[]>();
  const seen = new Set<string>();
  for (const e of batch.events) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    const pk = toEventDoc(e, batch.receivedAt).pk;
    parts.set(pk, [...(parts.get(pk) ?? []), e]);
  }
  return [...parts];
}

const LONG_AGO = () => 1_000; // a lease taken then has expired

/** What a healthy store holds after BATCH, to compare a crashed and recovered one against. */
async function rollupsOf(store: CosmosStore) {
  return {
    daily: await store.listDailyUsage("2026-11-01", "2026-12-01"),
    hourly: await store.listHourlyUsage("2026-11-01", "2026-12-01", ["chat", "embed"]),
    outcomes: await store.listDailyOutcomes("2026-11-01", "2026-12-01"),
  };
}

describe("Cosmos DB store: exactly once without an atomic batch", () => {
  it("counts a batch once when it is redelivered after its writer died between its claims and its commit", async () => {
    const store = cosmos.freshStore();
    const healthy = cosmos.freshStore();
    await healthy.saveUsageBatch(BATCH);
    const c = await store.containers();
    // The crash: each partition's lease taken and its claims created, the sheet never committed.
    for (const [pk, events] of partsOf(BATCH)) await createClaims(c, (await takeLease(c, pk, events, BATCH.receivedAt, LONG_AGO)).claims);
    expect(await store.listDailyUsage("2026-11-01", "2026-12-01")).toEqual([]);
    // The redelivery settles the abandoned batches (their claims are counted), then finds every event a duplicate.
    const again = await store.saveUsageBatch(BATCH);
    expect(again.inserted).toEqual(BATCH.events.map(() => false));
    expect(await rollupsOf(store)).toEqual(await rollupsOf(healthy));
    const third = await store.saveUsageBatch(BATCH);
    expect(third.inserted).toEqual(BATCH.events.map(() => false));
    expect(await rollupsOf(store)).toEqual(await rollupsOf(healthy));
  });

  it("counts each event once when its writer died half-way through its claims", async () => {
    const store = cosmos.freshStore();
    const healthy = cosmos.freshStore();
    await healthy.saveUsageBatch(BATCH);
    const c = await store.containers();
    for (const [pk, events] of partsOf(BATCH)) {
      const lease = await takeLease(c, pk, events, BATCH.receivedAt, LONG_AGO);
      await createClaims(c, lease.claims.slice(0, 1)); // died after the first claim
    }
    const again = await store.saveUsageBatch(BATCH);
    // e1 (first of app-1 on the 10th), e5 and e6 were claimed before the crash; the others only now.
    expect(again.inserted).toEqual([false, true, true, true, false, false, false]);
    expect(await rollupsOf(store)).toEqual(await rollupsOf(healthy));
  });

  it("settles a batch never delivered again once its lease expires, and a late write of it then gives up", async () => {
    const store = cosmos.freshStore();
    const healthy = cosmos.freshStore();
    await healthy.saveUsageBatch(BATCH);
    const c = await store.containers();
    const leases = [];
    for (const [pk, events] of partsOf(BATCH)) leases.push(await takeLease(c, pk, events, BATCH.receivedAt, LONG_AGO));
    const [slow, ...rest] = leases;
    for (const lease of rest) await createClaims(c, lease.claims);
    expect(await healRollups(c, 60_000, 30_000)).toBe(0); // a lease younger than a minute may be a live writer
    expect(await healRollups(c, 60_000, 61_000)).toBe(leases.length);
    expect(await healRollups(c, 60_000, 120_000)).toBe(0); // settled once
    // The slow writer of the first partition wakes up: its claims were fenced, so it gives up and nothing is lost or doubled.
    await expect(writeUnderLease(c, slow!)).rejects.toThrow(LeaseLost);
    await store.saveUsageBatch(BATCH);
    expect(await rollupsOf(store)).toEqual(await rollupsOf(healthy));
  });

  it("sums every fact when two writers save batches of one app and day at once", async () => {
    const store = cosmos.freshStore();
    const first = itemAt(BATCH.events, 0);
    const events = Array.from({ length: 40 }, (_, i) => ({ ...first, id: `c${i}`, event: { ...first.event, requestId: `c${i}` } }));
    await Promise.all([0, 1, 2, 3].map((k) => store.saveUsageBatch({ events: events.filter((_, i) => i % 4 === k), quarantined: [], receivedAt: 1 })));
    const [row] = await store.listDailyUsage("2026-11-10", "2026-11-11");
    expect(row).toMatchObject({ requests: 40n, promptTokens: 40_000n, totalTokens: 44_000n });
  });

  it("purges facts (claims) by day and keeps the rollups", async () => {
    const store = cosmos.freshStore();
    await store.saveUsageBatch(BATCH);
    const before = await rollupsOf(store);
    expect(await store.purgeRawUsage("2026-11-11", 0, true)).toEqual({ events: 5, quarantined: 0 });
    expect(await store.purgeRawUsage("2026-11-11", 0, false)).toEqual({ events: 5, quarantined: 0 });
    expect(await store.purgeRawUsage("2026-11-12", 0, true)).toEqual({ events: 1, quarantined: 0 });
    expect(await rollupsOf(store)).toEqual(before);
  });
});

describe("Cosmos DB store: closing a month without a transaction", () => {
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

  it("never reads lines of a close that crashed before its record, and the next close replaces them", async () => {
    const store = cosmos.freshStore();
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
