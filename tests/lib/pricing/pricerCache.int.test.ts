import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { pricerCache } from "../../../lib/pricing/pricerCache";
import { freshStore } from "../../support/store";

describe("the ingest paths' pricer cache", () => {
  it("prices with the same book until the time to live has passed, then asks the store again", async () => {
    const { store } = freshStore();
    const pricer = pricerCache(store, 20);
    const first = pricer();
    expect(pricer()).toBe(first);
    await first;
    await sleep(40);
    const second = pricer();
    expect(second).not.toBe(first);
    await second;
  });

  it("forgets a load that failed, so the next batch tries again at once", async () => {
    const { store } = freshStore();
    await store.close(); // a store that is away
    const pricer = pricerCache(store, 60_000);
    const failed = pricer();
    await expect(failed).rejects.toThrow();
    expect(pricer()).not.toBe(failed);
    await pricer().catch(() => undefined);
  });
});
