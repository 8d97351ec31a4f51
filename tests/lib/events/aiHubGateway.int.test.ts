import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { unknownCallerAppId } from "../../../lib/events/unknownCaller";
import { unmappedQueue } from "../../../lib/reports/unmappedQueue";
import { importDeployments } from "../../../lib/pricing/importDeployments";
import { importRetailPrices } from "../../../lib/pricing/importRetailPrices";
import { ingestLines } from "../../support/ingest";
import { snapshotItems } from "../../support/retailPrices";
import { freshStore } from "../../support/store";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { itemAt } from "../../../lib/core/arrays";

// Microsoft's AI Hub Gateway usage record, as its Stream Analytics job hands it on.
const record = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, "..", "..", "fixtures", "apim-events", "ai-hub-gateway-usage-record.json"), "utf8"),
) as Record<string, unknown>;
const line = (over: Record<string, unknown>) => JSON.stringify({ ...record, timestamp: "11/10/2026 2:45:56 PM", ...over });

describe("AI Hub Gateway records", () => {
  it("count once by their id, however often they are delivered (the delivery fields differ)", async () => {
    const { store } = freshStore();
    const first = await ingestLines(store, [line({}), line({ EventEnqueuedUtcTime: "2026-11-10T14:47:00.0000000Z", PartitionId: 3 })]);
    expect(first).toMatchObject({ accepted: 1, duplicates: 1, quarantined: 0 });
    expect(await ingestLines(store, [line({})], "again.ndjson")).toMatchObject({ accepted: 0, duplicates: 1 });
    // Two calls with different ids are two calls, even with the same counts at the same second.
    expect(await ingestLines(store, [line({ id: "chatcmpl-other" })])).toMatchObject({ accepted: 1, duplicates: 0 });
  });

  it.each(["NA", "", "  ", "00000000-0000-0000-0000-000000000000", null])(
    "charge a call whose app id is a placeholder (%j) to the unknown caller, in the unmapped queue",
    async (appId) => {
      const { store } = freshStore();
      await importRetailPrices(store, snapshotItems());
      await importDeployments(store, "deployment,model,region,sku\nchat,gpt-4o-2024-08-06,eastus2,GlobalStandard", "deployments.csv");
      expect(await ingestLines(store, [line({ appId })])).toMatchObject({ accepted: 1, quarantined: 0 });
      const queue = await unmappedQueue(new LedgerReader(store), ["2026-11"]);
      expect(queue.map((a) => [a.appId, a.appName, a.requests])).toEqual([[unknownCallerAppId("ai-hub-gateway"), "Caller unknown (ai-hub-gateway)", 1]]);
      expect(itemAt(queue, 0).cost).not.toBe("0.00");
    },
  );

  it("still quarantines a record with no app id field at all", async () => {
    const { store } = freshStore();
    const { appId: _appId, ...withoutAppId } = record;
    expect(await ingestLines(store, [JSON.stringify(withoutAppId)])).toMatchObject({ accepted: 0, quarantined: 1 });
    expect((await store.listQuarantined("open"))[0]?.reason).toBe("ai-hub-gateway: appId is missing");
  });
});
