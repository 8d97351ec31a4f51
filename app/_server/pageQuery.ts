import "server-only";
import { parseReportQuery, type Params, type ReportQuery } from "@/lib/reports/reportFilters";

const NONE: ReportQuery = {
  filters: { units: [], costCenters: [], apps: [], models: [], tags: [] },
  range: "month",
  month: undefined,
  custom: undefined,
  q: "",
  page: 1,
};

/**
 * A report page's filters from its address: a bad value is not an error page but a sentence above
 * the report, which is then shown unfiltered for the asked month (so the reader loses nothing).
 */
export function pageQuery(params: Params): { query: ReportQuery; problem: string | null } {
  const parsed = parseReportQuery(params);
  if (parsed.ok) return { query: parsed.query, problem: null };
  const month = typeof params.month === "string" ? params.month : undefined;
  return { query: { ...NONE, month }, problem: parsed.message };
}
