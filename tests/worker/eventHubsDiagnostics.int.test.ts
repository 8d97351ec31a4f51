import type { EventData } from "@azure/event-hubs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unknownCallerAppId } from "../../lib/events/unknownCaller";
import { getChargebackReport } from "../../lib/reports/getChargebackReport";
import { startAzurite, type Azurite } from "../support/azurite";
import { envelope, gatewayRecord, llmRecords } from "../support/diagnosticRecords";
import { startEventHubsStandIn, type EventHubsStandIn } from "../support/eventHubsStandIn";
import { sendToPartitions, usageTotals } from "../support/hubEvents";
import { hubEnv, type RunningCli, startCli, waitAtMost, waitFor, workerStore } from "../support/workerProcess";
import { LedgerReader } from "../../lib/ledger/ledgerReader";
import { entryOf } from "../support/arrays";

const CALLS = 40;
const correlationId = (i: number) => `5d2e7c1a-0000-4000-8000-${String(i).padStart(12, "0")}`;
const time = (i: number, minute = 0) => `2026-11-10T10:${String(minute).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}.1234567Z`;
// Each call's model log (the token record and a chunk) in one partition, its gateway log in the
// next one, and for every other call the gateway log sent first.
const llm = (i: number) =>
  envelope(llmRecords({ correlationId: correlationId(i), time: time(i), deployment: "gpt-4o", model: "gpt-4o-2024-08-06", prompt: 100 + i, completion: 10 }));
const gateway = (i: number, minute = 0) => envelope([gatewayRecord({ correlationId: correlationId(i), time: time(i, minute), subscription: `sub-${i % 4}` })]);

function chunk(from: number, to: number): Record<string, EventData[]> {
  const byPartition: Record<string, EventData[]> = { "0": [], "1": [], "2": [], "3": [] };
  for (let i = from; i < to; i++) {
    const own = entryOf(byPartition, String(i % 4));
    const next = entryOf(byPartition, String((i + 1) % 4));
    if (i % 2 === 0) next.push({ body: Buffer.from(gateway(i)) });
    own.push({ body: Buffer.from(llm(i)) });
    if (i % 2 === 1) next.push({ body: Buffer.from(gateway(i)) });
  }
  return byPartition;
}

describe("API Management diagnostic records through the Event Hubs worker", () => {
  let hub: EventHubsStandIn;
  let azurite: Azurite;
  const workers: RunningCli[] = [];

  beforeAll(async () => {
    [hub, azurite] = await Promise.all([startEventHubsStandIn({ partitions: 4 }), startAzurite()]);
  });
  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
    await Promise.all(workers.map((w) => w.exited));
    await Promise.all([hub?.close(), azurite?.close()]);
  });

  it("reach the report exactly once, each call on its APIM subscription, through two killed workers", { timeout: 180_000 }, async () => {
    const target = workerStore();
    const { store } = target;
    const env = { ...hubEnv(hub, azurite), ...target.env, CHARGEBACK_APIM_JOIN_WINDOW_SECONDS: "120" };
    const start = () => {
      const w = startCli(["worker", "--source", "eventhubs", "--max-batch-size", "3", "--max-wait-seconds", "1"], env);
      workers.push(w);
      return w;
    };
    let worker = start();
    await worker.waitForStderr(/claimed partition/);

    // Killed twice, each time once some calls of the latest chunk are in.
    for (const [from, to] of [
      [0, 10],
      [10, 25],
    ] as const) {
      await sendToPartitions(hub, chunk(from, to));
      await waitFor(async () => (await usageTotals(store)).requests > from, `calls of ${from}–${to}`);
      worker.child.kill("SIGKILL");
      expect((await worker.exited).signal).toBe("SIGKILL");
      worker = start();
    }
    // The rest, and a call whose gateway log never comes; then a gateway log three minutes later
    // (another API's call), past the 2-minute window, lets that call go to the unknown caller.
    await sendToPartitions(hub, chunk(25, CALLS));
    await sendToPartitions(hub, { "2": [{ body: Buffer.from(llm(CALLS)) }] });
    await waitFor(async () => (await usageTotals(store)).requests >= CALLS, "every joined call");
    await sendToPartitions(hub, { "3": [{ body: Buffer.from(gateway(CALLS + 1, 3)) }] });
    await waitFor(async () => (await usageTotals(store)).requests >= CALLS + 1, "the call without its caller");

    // A last restart reads what is still held back again: nothing changes.
    worker.child.kill("SIGTERM");
    expect((await worker.exited).code).toBe(0);
    worker = start();
    await worker.waitForStderr(/claimed partition/);
    await new Promise((r) => setTimeout(r, 3_000));
    worker.child.kill("SIGTERM");
    await worker.exited;

    const tokens = (i: number) => 100 + i + 10;
    const expected: Record<string, number[]> = {};
    for (let i = 0; i < CALLS; i++) {
      const app = `sub-${i % 4}`;
      const [requests = 0, total = 0] = expected[app] ?? [];
      expected[app] = [requests + 1, total + tokens(i)];
    }
    expected[unknownCallerAppId("azure-monitor")] = [1, tokens(CALLS)];
    const byApp: Record<string, number[]> = {};
    for (const u of await store.listDailyUsage("2026-11-01", "2026-12-01")) {
      const [requests = 0, total = 0] = byApp[u.appId] ?? [];
      byApp[u.appId] = [requests + Number(u.requests), total + Number(u.totalTokens)];
    }
    expect(byApp).toEqual(expected);
    expect(await store.listQuarantined("all")).toEqual([]);
    // The month's report (no mappings yet: every app unmapped) counts each call once.
    const report = await getChargebackReport(new LedgerReader(store), "2026-11", "app");
    expect(report.unmapped.requests).toBe(CALLS + 1);
    await target.close();
  });

  it("count each call once with two replicas sharing the partitions, one killed twice (a call whose records two replicas read goes to the unknown caller)", {
    timeout: 180_000,
  }, async () => {
    const hub2 = await startEventHubsStandIn({ partitions: 4 });
    const target = workerStore();
    const { store } = target;
    const env = { ...hubEnv(hub2, azurite, "checkpoints-two"), ...target.env, CHARGEBACK_APIM_JOIN_WINDOW_SECONDS: "120" };
    const start = () => {
      const w = startCli(["worker", "--source", "eventhubs", "--max-batch-size", "3", "--max-wait-seconds", "1"], env);
      workers.push(w);
      return w;
    };
    try {
      const steady = start();
      let victim = start();
      await Promise.all([steady.waitForStderr(/claimed partition/), victim.waitForStderr(/claimed partition/)]);
      for (const [from, to] of [
        [0, 15],
        [15, 30],
      ] as const) {
        await sendToPartitions(hub2, chunk(from, to));
        // Kill once some of the chunk is counted, or after 20 s: a call's two records are in
        // neighbouring partitions, and when the replicas hold them apart (0 and 2 on one, 1 and 3
        // on the other) none of it can join before the later records release it to the unknown caller.
        await waitAtMost(async () => (await usageTotals(store)).requests > from, 20_000);
        victim.child.kill("SIGKILL");
        await victim.exited;
        victim = start();
      }
      await sendToPartitions(hub2, chunk(30, CALLS));
      // Records three minutes later in every partition let any call still waiting go.
      await new Promise((r) => setTimeout(r, 2_000));
      await sendToPartitions(hub2, {
        "0": [{ body: Buffer.from(gateway(CALLS + 1, 3)) }],
        "1": [{ body: Buffer.from(gateway(CALLS + 2, 3)) }],
        "2": [{ body: Buffer.from(gateway(CALLS + 3, 3)) }],
        "3": [{ body: Buffer.from(gateway(CALLS + 4, 3)) }],
      });
      await waitFor(async () => (await usageTotals(store)).requests >= CALLS, "every call");
      await new Promise((r) => setTimeout(r, 3_000));
      for (const w of [steady, victim]) w.child.kill("SIGTERM");
      await Promise.all([steady.exited, victim.exited]);

      const expectedTokens = Array.from({ length: CALLS }, (_, i) => 100 + i + 10).reduce((a, b) => a + b, 0);
      expect(await usageTotals(store)).toMatchObject({ requests: CALLS, totalTokens: expectedTokens });
      const apps = new Set((await store.listDailyUsage("2026-11-01", "2026-12-01")).map((u) => u.appId));
      for (const app of apps) expect(["sub-0", "sub-1", "sub-2", "sub-3", unknownCallerAppId("azure-monitor")]).toContain(app);
      expect(await store.listQuarantined("all")).toEqual([]);
    } finally {
      await target.close();
      await hub2.close();
    }
  });
});
