import { describe, expect, it } from "vitest";
import type { ReportRow } from "../../../lib/reports/getChargebackReport";
import { hourlySeries } from "../../../lib/reports/hourlySeries";
import { mergeOperations, operationName } from "../../../lib/reports/operationName";
import { pageRows } from "../../../lib/reports/pageRows";

const row = (key: string, cost: string, requests: number): ReportRow => ({
  key,
  name: key,
  cost,
  requests,
  promptTokens: requests * 10,
  cachedTokens: 0,
  completionTokens: requests,
  totalTokens: requests * 11,
});

describe("one name per operation", () => {
  it("names chat.completions as the APIM records do (chat.completion), and leaves others as they are", () => {
    expect(operationName("chat.completions")).toBe("chat.completion");
    expect(operationName("Chat/Completions")).toBe("chat.completion");
    expect(operationName("chat.completion")).toBe("chat.completion");
    expect(operationName("list")).toBe("list");
    expect(operationName("provisioned capacity")).toBe("provisioned capacity");
  });

  it("adds up the rows of one operation, cents as they were, so the table's total stays", () => {
    const merged = mergeOperations([row("chat.completions", "10.05", 3), row("embeddings", "20.00", 1), row("chat.completion", "12.01", 2)]);
    expect(merged.map((r) => [r.name, r.cost, r.requests, r.totalTokens])).toEqual([
      ["chat.completion", "22.06", 5, 55],
      ["embeddings", "20.00", 1, 11],
    ]);
  });
});

describe("hourly series", () => {
  it("leaves hours without data as null between the first and last hour with data, across midnight", () => {
    const series = hourlySeries([
      { hour: "2026-12-01T22", requests: 5 },
      { hour: "2026-12-02T01", requests: 7 },
    ]);
    expect(series).toEqual([
      { hour: "2026-12-01T22", requests: 5 },
      { hour: "2026-12-01T23", requests: null },
      { hour: "2026-12-02T00", requests: null },
      { hour: "2026-12-02T01", requests: 7 },
    ]);
    expect(hourlySeries([])).toEqual([]);
  });
});

describe("searching and paging a table", () => {
  const rows = Array.from({ length: 120 }, (_, i) => ({ name: `user-${String(i).padStart(3, "0")}`, value: `u${i}` }));

  it("cuts pages of the size asked, the last page partly full, a page past the end shown as the last", () => {
    expect(pageRows(rows, "", 1, 50)).toMatchObject({ page: 1, pages: 3, matched: 120 });
    expect(pageRows(rows, "", 3, 50).rows.map((r) => r.name)).toEqual(rows.slice(100).map((r) => r.name));
    expect(pageRows(rows, "", 9, 50).page).toBe(3);
  });

  it("searches names and values, case-insensitive, before paging", () => {
    const found = pageRows(rows, "USER-01", 1, 50);
    expect(found.matched).toBe(10);
    expect(found.pages).toBe(1);
    expect(pageRows(rows, "nobody", 1, 50)).toEqual({ rows: [], page: 1, pages: 1, matched: 0 });
  });
});
