import type { ReportQuery } from "@/lib/reports/reportFilters";

/** A page's period as address parameters (a month alone, the month's quarter or year, or from..to), for links that keep it. */
export function periodParams(query: Pick<ReportQuery, "range" | "custom">, month: string): [string, string][] {
  if (query.range === "month") return [["month", month]];
  if (query.range === "custom" && query.custom)
    return [
      ["range", "custom"],
      ["from", query.custom.from],
      ["to", query.custom.to],
    ];
  return [
    ["range", query.range],
    ["month", month],
  ];
}
