import { describe, expect, it } from "vitest";
import { useEventHubsRig } from "../support/eventHubsRig";
import { sendToPartitions, usageTotals } from "../support/hubEvents";
import { v1Event } from "../support/ingest";
import { hubEnv, startCli, waitFor } from "../support/workerProcess";

// Values that must never reach a log line, each unlike anything else a log line holds.
const END_USER = "alice.privacy-probe@contoso.example";
const TAG_VALUES = ["Project-Nightingale-7", "CC-PRIVACY-4711"];
const tagged = (requestId: string) => v1Event({ requestId, endUser: END_USER, tags: { project: TAG_VALUES[0], costCenter: TAG_VALUES[1] } });

describe("the worker's logs", () => {
  const rig = useEventHubsRig();

  it("name no end user and no tag value at any level, for good events, duplicates, bad events and shutdown alike", async () => {
    await sendToPartitions(rig.hub, {
      "0": [...["p-1", "p-2", "p-3", "p-1"].map((id) => ({ body: Buffer.from(tagged(id)) })), { body: Buffer.from(`${tagged("p-4").slice(0, -1)} oops`) }],
      "1": [{ body: JSON.parse(tagged("p-5")) as object }, { body: Buffer.from(tagged("p-6").replace('"promptTokens":1000', '"promptTokens":"lots"')) }],
    });
    const worker = startCli(
      ["worker", "--source", "eventhubs", "--max-batch-size", "2", "--max-wait-seconds", "1", "--health-port", "0", "--health-host", "127.0.0.1"],
      {
        ...hubEnv(rig.hub, rig.azurite),
        ...rig.target.env,
        CHARGEBACK_LOG_LEVEL: "trace",
        CHARGEBACK_LOG_FORMAT: "json",
      },
    );
    await waitFor(async () => (await usageTotals(rig.target.store)).requests === 4, "the good events to be written");
    // The values did reach the store: the logs leave them out, they were not missing.
    const byUser = await rig.target.store.listDailyDimensionUsage("2026-11-01", "2026-12-01", "endUser");
    expect(byUser.map((u) => u.value)).toContain(END_USER);
    worker.child.kill("SIGTERM");
    expect((await worker.exited).code).toBe(0);

    const lines = worker.stderr().trim().split("\n");
    const json = lines.map((line) => JSON.parse(line) as Record<string, unknown>); // every line is JSON
    expect(json.filter((l) => l.event === "batch.written").length).toBeGreaterThanOrEqual(3); // the most detailed level ran
    expect(json.some((l) => l.event === "partition.claimed")).toBe(true);
    for (const secret of [END_USER, "alice.privacy-probe", ...TAG_VALUES]) {
      expect(lines.filter((line) => line.includes(secret))).toEqual([]);
      expect(worker.stdout()).not.toContain(secret);
    }
  });
});
