import { describe, expect, it } from "vitest";
import { IdempotencyKeyReused } from "../../../lib/core/errors";
import { acceptEvents } from "../../../lib/intake/acceptEvents";
import { loadPricer } from "../../../lib/pricing/loadPricer";
import { seedEvent } from "../../support/ingest";
import { freshStore } from "../../support/store";

const sender = { id: "k1", source: "apim-test" };
// The seed policy's shape has no request id: these events are named by the Idempotency-Key and their position.
const first = [seedEvent({ prompt_tokens: "1000" }), seedEvent({ prompt_tokens: "2000", total_tokens: "2100" })];
const other = [seedEvent({ prompt_tokens: "3000", total_tokens: "3100" }), "{not json", seedEvent({ prompt_tokens: "4000", total_tokens: "4100" })];

describe("the HTTP intake's Idempotency-Key", () => {
  it("makes a retry of the same body add nothing", async () => {
    const { store } = freshStore();
    const pricer = await loadPricer(store);
    expect(await acceptEvents(store, pricer, sender, first, "batch-1")).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(await acceptEvents(store, pricer, sender, first, "batch-1")).toMatchObject({ accepted: 0, duplicates: 2 });
  });

  it("refuses the key reused with a different body, losing none of its events, and takes that body under a new key", async () => {
    const { store } = freshStore();
    const pricer = await loadPricer(store);
    await acceptEvents(store, pricer, sender, first, "batch-1");
    await expect(acceptEvents(store, pricer, sender, other, "batch-1")).rejects.toThrow(IdempotencyKeyReused);
    await expect(acceptEvents(store, pricer, sender, other, "batch-1")).rejects.toThrow(/Idempotency-Key batch-1 was used for a different body/);
    // Nothing of the refused body was written or quarantined: it can be sent again under its own key.
    expect(await store.listQuarantined("all")).toEqual([]);
    expect(await acceptEvents(store, pricer, sender, other, "batch-2")).toMatchObject({ accepted: 2, duplicates: 0, quarantined: 1 });
    // Keys belong to their sender: another key's "batch-1" is its own.
    expect(await acceptEvents(store, pricer, { id: "k2", source: "apim-other" }, other, "batch-1")).toMatchObject({ accepted: 2, quarantined: 1 });
  });
});
