import { describe, expect, it } from "vitest";
import { boundedMonth, describeRefusal, monthsBetween, resolveRange, type MonthBounds } from "../../../lib/reports/reportRange";

// Hand-made bounds: no test depends on today's date.
const bounds: MonthBounds = { first: "2026-02", current: "2026-12" };

describe("the months a report may show", () => {
  it("shows a month with data, and the current month when none is asked", () => {
    expect(boundedMonth("2026-11", bounds)).toEqual({ month: "2026-11", refused: null });
    expect(boundedMonth("2026-02", bounds)).toEqual({ month: "2026-02", refused: null });
    expect(boundedMonth(undefined, bounds)).toEqual({ month: "2026-12", refused: null });
  });

  it("refuses, politely, a month not started, one before the first data, and text that is no month", () => {
    const future = boundedMonth("2027-01", bounds);
    expect(future).toEqual({ month: "2026-12", refused: { month: "2027-01", reason: "future" } });
    expect(describeRefusal(future.refused!, future.month, bounds)).toBe("2027-01 has not started yet; showing 2026-12, the current month.");
    const old = boundedMonth("1999-01", bounds);
    expect(old.refused?.reason).toBe("before-data");
    expect(describeRefusal(old.refused!, old.month, bounds)).toBe("There is no usage before 2026-02, the first month with data; showing 2026-12.");
    const bad = boundedMonth("2026-1", bounds);
    expect(describeRefusal(bad.refused!, bad.month, bounds)).toBe('"2026-1" is not a month (write it as YYYY-MM, e.g. 2026-12); showing 2026-12.');
  });

  it("shows the current month even before any usage, and refuses every earlier one then", () => {
    const empty: MonthBounds = { first: null, current: "2026-12" };
    expect(boundedMonth("2026-12", empty).refused).toBeNull();
    expect(describeRefusal(boundedMonth("2026-11", empty).refused!, "2026-12", empty)).toBe("There is no usage recorded yet; showing 2026-12.");
  });
});

describe("periods", () => {
  it("a quarter runs from its first month to the month asked, a year to date from January", () => {
    expect(resolveRange("quarter", "2026-11", bounds)).toMatchObject({ months: ["2026-10", "2026-11"], label: "Q4 2026 (2026-10…2026-11)" });
    expect(resolveRange("quarter", "2026-10", bounds).months).toEqual(["2026-10"]);
    expect(resolveRange("ytd", "2026-04", bounds)).toMatchObject({ months: ["2026-02", "2026-03", "2026-04"], from: "2026-02" });
    expect(resolveRange("month", "2026-07", bounds)).toMatchObject({ months: ["2026-07"], label: "2026-07" });
  });

  it("clips a custom period to the data and to the current month", () => {
    expect(resolveRange("custom", "2026-12", bounds, { from: "2025-11", to: "2026-03" }).months).toEqual(["2026-02", "2026-03"]);
    expect(resolveRange("custom", "2026-12", bounds, { from: "2026-11", to: "2027-02" }).months).toEqual(["2026-11", "2026-12"]);
  });

  it("counts months across a year end", () => {
    expect(monthsBetween("2026-11", "2027-02")).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
  });
});
