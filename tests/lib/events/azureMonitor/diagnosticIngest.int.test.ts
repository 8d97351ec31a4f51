import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { unknownCallerAppId } from "../../../../lib/events/unknownCaller";
import { replayQuarantine } from "../../../../lib/events/replayQuarantine";
import { unmappedQueue } from "../../../../lib/reports/unmappedQueue";
import { loadPricer } from "../../../../lib/pricing/loadPricer";
import { importDeployments } from "../../../../lib/pricing/importDeployments";
import { importRetailPrices } from "../../../../lib/pricing/importRetailPrices";
import type { UsageStore } from "../../../../lib/store/port";
import { json, runCli } from "../../../support/cli";
import { envelope, gatewayRecord, llmRecords } from "../../../support/diagnosticRecords";
import { ingestLines } from "../../../support/ingest";
import { snapshotItems } from "../../../support/retailPrices";
import { freshStore } from "../../../support/store";
import { LedgerReader } from "../../../../lib/ledger/ledgerReader";
import { leading } from "../../../support/arrays";

const call = (n: number, minute = n) => ({
  correlationId: `0b6c2a44-0000-4000-8000-${String(n).padStart(12, "0")}`,
  time: `2026-11-10T10:${String(minute).padStart(2, "0")}:00.1234567Z`,
});
const llm = (n: number, minute = n) =>
  llmRecords({ ...call(n, minute), deployment: "gpt-4o", model: "gpt-4o-2024-08-06", prompt: 1000, completion: 100, chunks: 2 });
const gateway = (n: number, minute = n, over: Parameters<typeof gatewayRecord>[0] | object = {}) =>
  gatewayRecord({ ...call(n, minute), subscription: `sub-${n % 2}`, ...over });

async function pricedStore(): Promise<UsageStore> {
  const { store } = freshStore();
  await importRetailPrices(store, snapshotItems());
  await importDeployments(store, "deployment,model,region,sku\ngpt-4o,gpt-4o-2024-08-06,eastus2,GlobalStandard", "deployments.csv");
  return store;
}

const usageByApp = async (store: UsageStore) =>
  Object.fromEntries((await store.listDailyUsage("2026-11-01", "2026-12-01")).map((u) => [u.appId, [Number(u.requests), Number(u.totalTokens)]]));

describe("API Management diagnostic records in `chargeback ingest`", () => {
  it("joins each call's LLM log and gateway log on the correlation id, in any order and any line, once", async () => {
    const store = await pricedStore();
    const lines = [
      // Call 1: tokens first, caller later; call 2: caller first; call 3: both in one envelope.
      envelope(llm(1)),
      envelope([gateway(2), gateway(1)]),
      envelope(llm(2)),
      envelope([...llm(3), gateway(3)]),
      // The LLM log of call 1 delivered again (an Event Hubs redelivery).
      envelope(llm(1)),
      // A record of another category shares the hub: not ours.
      envelope([{ time: call(9).time, category: "WebSocketConnectionLogs", properties: {} }]),
    ];
    // The redelivered log is read again, and is the same call: a duplicate.
    expect(await ingestLines(store, lines)).toMatchObject({ accepted: 3, duplicates: 1, quarantined: 0, unpriced: 0 });
    // Each call is 1,100 tokens, charged to its APIM subscription.
    expect(await usageByApp(store)).toEqual({ "sub-0": [1, 1100], "sub-1": [2, 2200] });
    // The same file again adds nothing.
    expect(await ingestLines(store, lines)).toMatchObject({ accepted: 0, duplicates: 4 });
  });

  it("charges a call whose gateway record never comes to the unknown caller, in the unmapped queue, never dropping it", async () => {
    const store = await pricedStore();
    expect(await ingestLines(store, [envelope(llm(1)), envelope([gateway(2)])])).toMatchObject({ accepted: 1, quarantined: 0, unpriced: 0 });
    const queue = await unmappedQueue(new LedgerReader(store), ["2026-11"]);
    expect(queue.map((a) => [a.appId, a.appName, a.requests])).toEqual([[unknownCallerAppId("azure-monitor"), "Caller unknown (azure-monitor)", 1]]);
    expect(await usageByApp(store)).toEqual({ [unknownCallerAppId("azure-monitor")]: [1, 1100] });
  });

  it("waits for a caller only as long as the window: a caller record later than that comes too late", async () => {
    const store = await pricedStore();
    const lines = [envelope(llm(1, 0)), envelope(llm(2, 3)), envelope([gateway(2, 3), gateway(1, 3)])];
    // A 2-minute window: call 1 (10:00) has expired once a record of 10:03 is read.
    expect(await ingestLines(store, lines, "late.ndjson", { windowMs: 120_000 })).toMatchObject({ accepted: 2 });
    expect(await usageByApp(store)).toEqual({ [unknownCallerAppId("azure-monitor")]: [1, 1100], "sub-0": [1, 1100] });
  });

  it("takes the caller's app id from the request header the gateway logs, when told which", async () => {
    const store = await pricedStore();
    const headers = { "X-Chargeback-App-Id": "6f1c7a55-7e4c-4a6a-9d8e-2f1b3c4d5e6f" };
    await ingestLines(store, [envelope([...llm(1), gateway(1, 1, { requestHeaders: headers })])], "h.ndjson", { appIdHeader: "x-chargeback-app-id" });
    expect(Object.keys(await usageByApp(store))).toEqual(["6f1c7a55-7e4c-4a6a-9d8e-2f1b3c4d5e6f"]);
  });

  it("quarantines a record it cannot read with its reason, and still joins the others", async () => {
    const store = await pricedStore();
    const [tokens, chunk] = leading(llm(1), 2);
    const bad = { ...tokens, properties: { ...(tokens.properties as object), PromptTokens: "lots" } };
    expect(await ingestLines(store, [envelope([bad, chunk]), envelope([...llm(2), gateway(2)])])).toMatchObject({ accepted: 1, quarantined: 1 });
    expect((await store.listQuarantined("open")).map((q) => q.reason)).toEqual(['azure-monitor GatewayLlmLogs: PromptTokens is not a number ("lots")']);
  });
});

describe("`chargeback ingest` of a diagnostic records file (read on a second thread)", () => {
  it("joins the records, with the app id header and the window it is given", async () => {
    const { store, file: db, dir } = freshStore();
    await importDeployments(store, "deployment,model,region,sku\ngpt-4o,gpt-4o-2024-08-06,eastus2,GlobalStandard", "deployments.csv");
    const headers = { "x-chargeback-app-id": "app-from-header" };
    const ndjson = path.join(dir, "diagnostics.ndjson");
    fs.writeFileSync(ndjson, `${[envelope(llm(1)), envelope([gateway(1, 1, { requestHeaders: headers }), ...llm(2)])].join("\n")}\n`);
    const result = await runCli(["ingest", ndjson, "--app-id-header", "X-Chargeback-App-Id", "--join-window-seconds", "60"], { db });
    expect(result.stderr).toBe("");
    expect(json(result)).toMatchObject({ accepted: 2, quarantined: 0 });
    expect(Object.keys(await usageByApp(store)).sort()).toEqual(["app-from-header", unknownCallerAppId("azure-monitor")]);
    expect((await runCli(["ingest", ndjson, "--join-window-seconds", "soon"], { db })).stderr).toBe(
      "chargeback: --join-window-seconds: must be a whole number\n",
    );
  });
});

describe("a quarantined diagnostic record", () => {
  it("is read as a diagnostic record when replayed: still failing, it stays open with its own reason", async () => {
    const { store } = freshStore();
    const [tokens] = leading(llm(1), 1);
    const bad = { ...tokens, properties: { ...(tokens.properties as object), CompletionTokens: -5 } };
    await ingestLines(store, [envelope([bad])]);
    const [quarantined] = leading(await store.listQuarantined("open"), 1);
    expect(quarantined.reason).toBe("azure-monitor GatewayLlmLogs: CompletionTokens is negative (-5)");
    const replayed = await replayQuarantine(store, await loadPricer(store));
    expect(replayed).toMatchObject({ accepted: 0, stillFailing: 1 });
    expect(await store.listQuarantined("open")).toEqual([quarantined]);
  });
});
