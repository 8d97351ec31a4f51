import { describe, expect, it } from "vitest";
import { bucketOf, MODEL_TIME_BUCKETS_MS, percentileBound, utcHour } from "../../../lib/events/modelTimeBuckets";

describe("model-time histogram", () => {
  it("puts a time in the first bucket whose bound it does not exceed", () => {
    expect([0, 100, 101, 60_000, 60_001].map(bucketOf)).toEqual([0, 0, 1, MODEL_TIME_BUCKETS_MS.length - 1, MODEL_TIME_BUCKETS_MS.length]);
  });

  it("reads a percentile as the bound of the bucket holding its rank", () => {
    const counts = new Array(MODEL_TIME_BUCKETS_MS.length + 1).fill(0);
    counts[bucketOf(80)] = 90; // 90 calls ≤ 100 ms
    counts[bucketOf(1200)] = 9; // 9 calls ≤ 1.5 s
    counts[bucketOf(90_000)] = 1; // 1 call over a minute
    expect(percentileBound(counts, 0.9)).toBe(100);
    expect(percentileBound(counts, 0.95)).toBe(1500);
    expect(percentileBound(counts, 1)).toBe(Infinity);
    expect(
      percentileBound(
        counts.map(() => 0),
        0.95,
      ),
    ).toBeNull();
  });

  it("names the UTC hour of a time, before 1970 too", () => {
    expect(utcHour(Date.UTC(2026, 10, 23, 7, 59), "2026-11-23")).toBe("2026-11-23T07");
    expect(utcHour(Date.UTC(1969, 11, 31, 23, 30), "1969-12-31")).toBe("1969-12-31T23");
  });
});
