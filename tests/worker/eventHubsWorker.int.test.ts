import fs from "node:fs";
import path from "node:path";
import type { EventData } from "@azure/event-hubs";
import { ContainerClient } from "@azure/storage-blob";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UsageStore } from "../../lib/store/port";
import { startAzurite, type Azurite } from "../support/azurite";
import { json } from "../support/cli";
import { startRetailPricesStandIn, type RetailPricesStandIn } from "../support/retailPricesStandIn";
import { startEventHubsStandIn, type EventHubsStandIn } from "../support/eventHubsStandIn";
import { checkpointStore, sendToPartitions, usageTotals } from "../support/hubEvents";
import { v1Event } from "../support/ingest";
import { runCli } from "../support/cli";
import { hubEnv, startCli, waitFor, workerStore } from "../support/workerProcess";
import { itemAt } from "../../lib/core/arrays";

const FIXTURES = path.resolve(__dirname, "..", "fixtures", "apim-events");
const seedLines = fs.readFileSync(path.join(FIXTURES, "seed-policy-sample.ndjson"), "utf8").trim().split("\n");
const gatewayRecord = JSON.parse(fs.readFileSync(path.join(FIXTURES, "ai-hub-gateway-usage-record.json"), "utf8")) as Record<string, unknown>;

// A byte that is never UTF-8 inside a key: decoded leniently it would become `m\uFFFDodel` and be dropped.
const [beforeByte, afterByte] = v1Event({ requestId: "hub-bad" }).split('"model":');
const NOT_UTF8_EVENT = Buffer.concat([Buffer.from(`${beforeByte}"m`), Buffer.from([0xc1]), Buffer.from(`odel":${afterByte}`)]);
// Real shapes as APIM sends them (bytes), as an SDK producer sends them (objects), with and
// without request ids; a retried request (same id twice); two identical seed events, which are
// two calls; one event that is not JSON and one that is not UTF-8, last in partition 2.
const EVENTS: Record<string, EventData[]> = {
  "0": [...seedLines.map((line) => ({ body: Buffer.from(line) })), { body: Buffer.from(itemAt(seedLines, 1)) }],
  "1": [{ body: gatewayRecord }, ...Array.from({ length: 10 }, (_, i) => ({ body: JSON.parse(v1Event({ requestId: `hub-${i}` })) as object }))],
  "2": [
    ...Array.from({ length: 10 }, (_, i) => ({ body: Buffer.from(v1Event({ requestId: `hub-${10 + i}` })) })),
    { body: Buffer.from("not json {") },
    { body: NOT_UTF8_EVENT },
  ],
  "3": [{ body: Buffer.from(v1Event({ requestId: "hub-0" })) }],
};
// 3 seed lines + 1 repeated seed line + 1 gateway record + 20 v1 events (hub-0 arrives twice).
const ACCEPTED = 25;
const TOKENS = 20 + 2305 + 812 + 2305 + 20_000 + 20 * 1100;

describe("chargeback worker --source eventhubs, end to end over AMQP and blob storage on 127.0.0.1", () => {
  let hub: EventHubsStandIn;
  let azurite: Azurite;
  let prices: RetailPricesStandIn;
  let target: ReturnType<typeof workerStore>;
  let store: UsageStore;

  // One hub, checkpoint container and store for both tests: the second redelivers the first's events.
  beforeAll(async () => {
    [hub, azurite, prices] = await Promise.all([startEventHubsStandIn({ partitions: 4 }), startAzurite(), startRetailPricesStandIn()]);
    target = workerStore();
    store = target.store;
  });
  afterAll(async () => {
    await target?.close();
    await Promise.all([hub?.close(), azurite?.close(), prices?.close()]);
  });

  const env = () => ({ ...hubEnv(hub, azurite), ...target.env });

  it("ingests every event once, quarantines the bad one with partition and sequence number, checkpoints, stops cleanly on SIGTERM, and reports no lag", async () => {
    await sendToPartitions(hub, EVENTS);
    expect(hub.counts()).toEqual({ "0": 4, "1": 11, "2": 12, "3": 1 });

    // The daily price sync runs beside the hub too.
    const worker = startCli(["worker", "--source", "eventhubs", "--max-batch-size", "4", "--max-wait-seconds", "1", "--sync-prices-hours", "24"], {
      ...env(),
      CHARGEBACK_RETAIL_PRICES_URL: prices.url,
    });
    await waitFor(async () => (await usageTotals(store)).requests >= ACCEPTED, "the worker to ingest the events");
    await waitFor(
      async () => (await checkpointStore(azurite).listCheckpoints("127.0.0.1", hub.hubName, "$Default")).length === 4,
      "checkpoints of all partitions",
    );
    await waitFor(async () => (await store.listPriceSyncs(1)).length === 1, "the price sync");
    // The lag is measured at start and each minute, for the admin's Health page.
    await waitFor(async () => (await store.listPipelineLag()).length === 1, "the lag measurement");
    expect((await store.listPipelineLag())[0]).toMatchObject({
      consumer: `${hub.hubName}/$Default`,
      partitions: [{ partitionId: "0" }, { partitionId: "1" }, { partitionId: "2" }, { partitionId: "3" }],
    });
    worker.child.kill("SIGTERM");
    const { code } = await worker.exited;
    expect(await store.listPriceSyncs(1)).toMatchObject([{ ok: true }]);
    expect(worker.stderr()).toMatch(/claimed partition 0/);
    expect(code).toBe(0);
    const summary = JSON.parse(worker.stdout().trim().split("\n").at(-1)!);
    expect(summary).toMatchObject({ stopped: true, accepted: ACCEPTED, duplicates: 1, quarantined: 2, abandonedBatches: 0 });
    expect(summary.partitionsClaimed).toEqual(["0", "1", "2", "3"]);

    expect(await usageTotals(store)).toMatchObject({ requests: ACCEPTED, totalTokens: TOKENS });
    const report = json<{ rows: unknown[]; unmapped: { requests: number } }>(
      await runCli(["report", "--month", "2026-11", "--by", "app"], { env: target.env }),
    );
    expect(report.unmapped.requests).toBe(3 + 20); // the 2026-11 seed events (one of them twice) and the v1 events

    const quarantined = await store.listQuarantined("all");
    expect(quarantined).toMatchObject([
      { source: "eventhub:usage/2#10", raw: "not json {", encoding: "utf8", reason: "not valid JSON", status: "open" },
      { source: "eventhub:usage/2#11", encoding: "base64", reason: "not valid UTF-8: kept as its original bytes (base64)", status: "open" },
    ]);
    expect(Buffer.from(itemAt(quarantined, 1).raw, "base64")).toEqual(NOT_UTF8_EVENT);

    const checkpoints = await checkpointStore(azurite).listCheckpoints("127.0.0.1", hub.hubName, "$Default");
    expect(Object.fromEntries(checkpoints.map((c) => [c.partitionId, c.sequenceNumber]))).toEqual({ "0": 3, "1": 10, "2": 11, "3": 0 });

    const lag = await runCli(["worker", "lag"], { env: env() });
    expect(lag.stderr).toBe("");
    expect(lag.status).toBe(0);
    expect(JSON.parse(lag.stdout)).toEqual(
      ["0", "1", "2", "3"].map((partitionId, i) => ({
        partitionId,
        lastEnqueuedSequenceNumber: [3, 10, 11, 0][i],
        checkpointedSequenceNumber: [3, 10, 11, 0][i],
        lag: 0,
      })),
    );
  });

  it("adds nothing when every event is delivered again (checkpoints lost), and resumes from the checkpoint otherwise", async () => {
    await sendToPartitions(hub, { "3": [{ body: Buffer.from(itemAt(seedLines, 2)) }] });
    const lagBefore = json<{ partitionId: string; lag: number }[]>(await runCli(["worker", "lag"], { env: env() }));
    expect(lagBefore.map((p) => p.lag)).toEqual([0, 0, 0, 1]);

    // From the checkpoints: only the new event.
    const resumed = startCli(["worker", "--source", "eventhubs", "--max-wait-seconds", "1"], env());
    await waitFor(async () => (await usageTotals(store)).requests === ACCEPTED + 1, "the new event");
    await waitFor(async () => json<{ lag: number }[]>(await runCli(["worker", "lag"], { env: env() })).every((p) => p.lag === 0), "no lag");
    resumed.child.kill("SIGTERM");
    expect((await resumed.exited).code).toBe(0);
    expect(JSON.parse(resumed.stdout().trim())).toMatchObject({ accepted: 1, duplicates: 0, quarantined: 0 });

    // Checkpoints gone: the whole hub again, and nothing is counted twice.
    const container = checkpointStore(azurite);
    const client = new ContainerClient(azurite.connectionString, "checkpoints");
    for await (const blob of client.listBlobsFlat({ prefix: "127.0.0.1/usage/$default/checkpoint/" })) await client.deleteBlob(blob.name);
    expect(await container.listCheckpoints("127.0.0.1", hub.hubName, "$Default")).toEqual([]);
    const again = startCli(["worker", "--source", "eventhubs", "--max-batch-size", "7", "--max-wait-seconds", "1"], env());
    await waitFor(async () => (await container.listCheckpoints("127.0.0.1", hub.hubName, "$Default")).length === 4, "checkpoints again");
    await waitFor(async () => json<{ lag: number }[]>(await runCli(["worker", "lag"], { env: env() })).every((p) => p.lag === 0), "no lag");
    again.child.kill("SIGTERM");
    expect((await again.exited).code).toBe(0);
    expect(JSON.parse(again.stdout().trim())).toMatchObject({ accepted: 0, duplicates: 29, quarantined: 0 }); // every event in the hub
    expect(await usageTotals(store)).toMatchObject({ requests: ACCEPTED + 1, totalTokens: TOKENS + 812 });
    expect(await store.listQuarantined("all")).toHaveLength(2);
  });
});
