import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prepareUsageBatch } from "../../../lib/events/processUsageBatch";

describe("preparing a batch", () => {
  it("keeps a huge bad line cut to 64 KiB, with its size and hash, so every store can hold it", () => {
    const huge = `{"schema":"chargeback/v1","junk":"${"x".repeat(200_000)}"}`;
    const { events, quarantined } = prepareUsageBatch([{ text: huge, source: "http:gw#1", id: "line-1" }], () => "unused");
    expect(events).toEqual([]);
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0].raw.startsWith(huge.slice(0, 65_536))).toBe(true);
    expect(quarantined[0].raw.slice(65_536)).toBe(`… [cut: ${huge.length} bytes in all, sha256 ${createHash("sha256").update(huge).digest("hex")}]`);
    expect(quarantined[0]).toMatchObject({ id: "line-1", source: "http:gw#1" });
  });
});
