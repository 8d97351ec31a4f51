import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prepareUsageBatch } from "../../../lib/events/processUsageBatch";
import { itemAt } from "../../../lib/core/arrays";

describe("preparing a batch", () => {
  it("keeps a bad line of up to 200 KB whole, so it can be replayed once fixed", () => {
    const big = JSON.stringify({ schema: "chargeback/v1", note: "x".repeat(150_000), promptTokens: -1 });
    const { quarantined } = prepareUsageBatch([{ text: big, source: "http:gw#1", id: "line-1" }], () => "unused");
    expect(quarantined).toHaveLength(1);
    expect(itemAt(quarantined, 0).raw).toBe(big);
  });

  it("keeps a line over 200 KB cut to 200 KB, with its size and hash, so every store can hold it", () => {
    const huge = `{"schema":"chargeback/v1","junk":"${"x".repeat(300_000)}"}`;
    const { events, quarantined } = prepareUsageBatch([{ text: huge, source: "http:gw#1", id: "line-1" }], () => "unused");
    expect(events).toEqual([]);
    expect(quarantined).toHaveLength(1);
    expect(itemAt(quarantined, 0).reason).toBe("event exceeds 200 KB");
    expect(itemAt(quarantined, 0).raw.startsWith(huge.slice(0, 204_800))).toBe(true);
    expect(itemAt(quarantined, 0).raw.slice(204_800)).toBe(`… [cut: ${huge.length} bytes in all, sha256 ${createHash("sha256").update(huge).digest("hex")}]`);
    expect(quarantined[0]).toMatchObject({ id: "line-1", source: "http:gw#1" });
  });
});
