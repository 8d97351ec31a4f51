import type { AppCalls, CallOutcomes } from "@/lib/reports/getCallOutcomes";
import { formatCount } from "@/lib/reports/formatMoney";
import { type ColumnKey, columnSort, type PageAddress, sortByColumn } from "./columnSort";
import { SortHeader } from "./SortHeader";

const COLUMNS = {
  app: { text: (a) => a.name },
  calls: { count: (a) => a.requests },
  throttled: { count: (a) => a.throttled },
  filtered: { count: (a) => a.filtered },
  errors: { count: (a) => a.error },
  cutOff: { count: (a) => a.cutOff },
  timeout: { count: (a) => a.timeout },
  unknown: { count: (a) => a.usageUnknown },
} satisfies Record<string, ColumnKey<AppCalls>>;
type Column = keyof typeof COLUMNS;

/**
 * Failed and cut-off calls per app, and billed calls whose usage is unknown (not priced, not zero);
 * sortable by any column (`failedSort`) when the page's address is given.
 */
export function FailedCallsTable({ calls, month, address }: { calls: CallOutcomes; month: string; address?: PageAddress }) {
  const sort = columnSort(address, "failedSort", Object.keys(COLUMNS) as Column[]);
  const header = (label: string, by: Column) => <SortHeader label={label} by={by} sort={sort} num={by !== "app"} text={by === "app"} />;
  return (
    <table data-testid="failed-calls">
      <caption>
        Failed calls in {month}: {formatCount(calls.failed)} of {formatCount(calls.requests)}; usage unknown (billed, not priced):{" "}
        {formatCount(calls.usageUnknown)}
      </caption>
      <thead>
        <tr>
          {header("App", "app")}
          {header("Calls", "calls")}
          {header("Throttled (429, not billed)", "throttled")}
          {header("Filtered prompts", "filtered")}
          {header("Errors (not billed)", "errors")}
          {header("Cut off", "cutOff")}
          {header("Timed out", "timeout")}
          {header("Usage unknown", "unknown")}
        </tr>
      </thead>
      <tbody>
        {calls.apps.length === 0 && (
          <tr>
            <td colSpan={8}>No failed calls, and every billed call reported its usage.</td>
          </tr>
        )}
        {sortByColumn(calls.apps, sort?.by, COLUMNS).map((a) => (
          <tr key={a.appId} data-testid="failed-calls-row">
            <th scope="row">
              <a href={`/apps/${encodeURIComponent(a.appId)}?month=${month}`}>{a.name}</a>
            </th>
            <td className="num">{formatCount(a.requests)}</td>
            <td className="num">{formatCount(a.throttled)}</td>
            <td className="num">{formatCount(a.filtered)}</td>
            <td className="num">{formatCount(a.error)}</td>
            <td className="num">{formatCount(a.cutOff)}</td>
            <td className="num">{formatCount(a.timeout)}</td>
            <td className="num" data-testid="usage-unknown">
              {formatCount(a.usageUnknown)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
