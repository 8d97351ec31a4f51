import { describe, expect, it } from "vitest";
import { prepareUsageBatch } from "../../../lib/events/processUsageBatch";
import { v1Event, seedEvent } from "../../support/ingest";
import { itemAt } from "../../../lib/core/arrays";

// "Now" is a parameter: this test means the same on any date the machine has.
const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const prepare = (lines: string[]) =>
  prepareUsageBatch(
    lines.map((text, i) => ({ text, source: `test:${i + 1}`, id: `line-${i + 1}` })),
    () => "unused",
    NOW,
  );

describe("event times outside the window of real calls", () => {
  it("are quarantined with the reason: before Azure OpenAI existed, or more than a day ahead of when they arrived", () => {
    const { events, quarantined } = prepare([
      seedEvent({ "event-time": "1/1/0001 12:00:00 AM" }),
      v1Event({ requestId: "r-0099", time: "0099-06-01T00:00:00Z" }),
      v1Event({ requestId: "r-1601", time: "1601-01-01T00:00:00Z" }),
      v1Event({ requestId: "r-2099", time: "2099-01-01T00:00:00Z" }),
      v1Event({ requestId: "r-9999", time: "9999-12-31T23:59:59Z" }),
      v1Event({ requestId: "r-tomorrow", time: "2026-11-21T12:00:01Z" }),
    ]);
    expect(events).toEqual([]);
    expect(quarantined.map((q) => q.reason)).toEqual([
      "time 0001-01-01T00:00:00.000Z is before 2021-11-01, when Azure OpenAI began",
      "time 0099-06-01T00:00:00.000Z is before 2021-11-01, when Azure OpenAI began",
      "time 1601-01-01T00:00:00.000Z is before 2021-11-01, when Azure OpenAI began",
      "time 2099-01-01T00:00:00.000Z is more than a day after it arrived (a gateway clock or time zone is wrong)",
      "time 9999-12-31T23:59:59.000Z is more than a day after it arrived (a gateway clock or time zone is wrong)",
      "time 2026-11-21T12:00:01.000Z is more than a day after it arrived (a gateway clock or time zone is wrong)",
    ]);
    expect(quarantined.map((q) => q.id)).toEqual(["line-1", "req:r-0099", "req:r-1601", "req:r-2099", "req:r-9999", "req:r-tomorrow"]);
  });

  it("are quarantined when the offset is one no zone has", () => {
    const { quarantined } = prepare([v1Event({ time: "2026-11-10T10:00:00+99:99" })]);
    expect(itemAt(quarantined, 0).reason).toContain("time is not a valid time");
  });

  it("let through the first day of the service and up to a day ahead (clock skew)", () => {
    const { events } = prepare([
      v1Event({ requestId: "first", time: "2021-11-01T00:00:00Z" }),
      v1Event({ requestId: "skewed", time: "2026-11-21T12:00:00Z" }),
      v1Event({ requestId: "old", time: "2024-02-29T23:59:59.999Z" }),
    ]);
    expect(events.map((e) => e.id)).toEqual(["req:first", "req:skewed", "req:old"]);
  });
});
