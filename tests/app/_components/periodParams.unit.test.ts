import { describe, expect, it } from "vitest";
import { sortHrefs } from "../../../app/_components/pageHref";
import { periodParams } from "../../../app/_components/periodParams";

describe("a page's period in its links", () => {
  it("is the month alone, the month's quarter or year, or from and to", () => {
    expect(periodParams({ range: "month", custom: undefined }, "2026-10")).toEqual([["month", "2026-10"]]);
    expect(periodParams({ range: "quarter", custom: undefined }, "2026-10")).toEqual([
      ["range", "quarter"],
      ["month", "2026-10"],
    ]);
    expect(periodParams({ range: "custom", custom: { from: "2026-01", to: "2026-03" } }, "2026-03")).toEqual([
      ["range", "custom"],
      ["from", "2026-01"],
      ["to", "2026-03"],
    ]);
  });

  it("is kept by a multi-month table's sort links, with the other tables' orders", () => {
    const keep = [...periodParams({ range: "ytd", custom: undefined }, "2026-10"), ["env", "prod"] as [string, string]];
    const href = sortHrefs("/apps/a%201", keep, { modelSort: "cost", ccSort: "name" });
    expect(href("modelSort")("name")).toBe("/apps/a%201?range=ytd&month=2026-10&env=prod&modelSort=name&ccSort=name");
    expect(href("ccSort")("cost")).toBe("/apps/a%201?range=ytd&month=2026-10&env=prod");
  });
});
