import { describe, expect, it } from "vitest";
import { replayQuarantine } from "../../lib/events/replayQuarantine";
import { acceptEvents } from "../../lib/intake/acceptEvents";
import { loadPricer } from "../../lib/pricing/loadPricer";
import { ingestLines, v1Event } from "../support/ingest";
import { freshStore } from "../support/store";
import { itemAt } from "../../lib/core/arrays";
import { leading } from "../support/arrays";

const counted = v1Event({ requestId: "call-1", promptTokens: 1000, completionTokens: 100, totalTokens: 1100 });
const inflated = v1Event({ requestId: "call-1", promptTokens: 99_000, completionTokens: 100, totalTokens: 99_100 });

describe("a request id seen again with different content", () => {
  it("is quarantined beside the counted version, from a file and from the HTTP intake, and a replay leaves it open", async () => {
    const { store } = freshStore();
    const pricer = await loadPricer(store);
    expect(await ingestLines(store, [counted])).toMatchObject({ accepted: 1, duplicates: 0, quarantined: 0 });
    expect(await ingestLines(store, [counted, inflated], "later.ndjson")).toMatchObject({ accepted: 0, duplicates: 1, quarantined: 1 });
    expect(await acceptEvents(store, pricer, { id: "k1", source: "apim" }, [inflated], null)).toMatchObject({ accepted: 0, duplicates: 1, quarantined: 0 });
    const [conflict] = leading(await store.listQuarantined("open"), 1);
    expect(conflict).toMatchObject({ source: "later.ndjson:2", status: "open" });
    expect(conflict.reason).toContain("conflict: req:call-1 was counted first with different content, from test.ndjson:1");
    expect(conflict.reason).toContain("counted promptTokens 1000, totalTokens 1100; this one promptTokens 99000, totalTokens 99100");
    const [row] = leading(await store.listDailyUsage("2026-11-10", "2026-11-11"), 1);
    expect(row.totalTokens).toBe(1100n);

    expect(await replayQuarantine(store, pricer)).toMatchObject({ accepted: 0, stillFailing: 1 });
    expect(await store.listQuarantined("open")).toEqual([conflict]);
    expect(itemAt(await store.listDailyUsage("2026-11-10", "2026-11-11"), 0).totalTokens).toBe(1100n);
  });
});
