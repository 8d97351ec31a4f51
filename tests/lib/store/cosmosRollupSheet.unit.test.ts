import { describe, expect, it } from "vitest";
import { commitRows, emptySheet, unpack } from "../../../lib/store/cosmos/rollupSheet";
import { toEventDoc } from "../../../lib/store/cosmos/mappers";
import { summarise } from "../../../lib/store/cosmos/usageDocs";
import { BATCH, BILLED_KINDS, TAGGED } from "./storeContract";

// Same daily key; only the first carries the tag, and each its own amount of a token detail.
const [first] = BATCH.events;
const MIXED = [
  { ...first!, id: "m1", event: { ...first!.event, tags: { project: "apollo" }, cacheWriteTokens: 10 } },
  { ...first!, id: "m2", event: { ...first!.event, cacheWriteTokens: 70 } },
];

const factsOf = (events: typeof TAGGED.events) => events.map((e) => toEventDoc(e, 1));

describe("an app-day's rollup sheet", () => {
  it("holds, batch after batch, the rollups of every fact committed into it, packed rows included", () => {
    // Tagged events with end users, every outcome, billed token details: one app-day's facts each.
    for (const facts of [factsOf(TAGGED.events), factsOf(BILLED_KINDS.events), factsOf(BATCH.events.slice(0, 4)), factsOf(MIXED)]) {
      const pk = facts[0]!.pk;
      const mine = facts.filter((f) => f.pk === pk);
      let sheet = emptySheet(pk);
      mine.forEach((f, i) => (sheet = commitRows(sheet, summarise([f]), i + 1)));
      expect(sheet.seq).toBe(mine.length);
      expect(unpack(sheet)).toEqual(summarise(mine));
    }
  });

  it("closes the batch's journal and marks the day as having usage only once it has usage rows", () => {
    const pk = "app-1|2026-11-10";
    const leased = { ...emptySheet(pk), pending: { seq: 1, at: 5, claims: ["x"] }, pendingAt: 5 };
    const committed = commitRows(leased, summarise([]), 1);
    expect(committed).not.toHaveProperty("pending");
    expect(committed).not.toHaveProperty("pendingAt");
    expect(committed).not.toHaveProperty("usageDay");
    expect(commitRows(committed, summarise(factsOf(BATCH.events.slice(0, 1))), 2).usageDay).toBe("2026-11-10");
  });
});
