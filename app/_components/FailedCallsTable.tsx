import type { AppCalls, CallOutcomes } from "@/lib/reports/getCallOutcomes";
import { formatCount } from "@/lib/reports/formatMoney";
import type { PageAddress } from "./columnSort";
import { SortableTable } from "./SortableTable";
import { type Column, countColumn, textColumn } from "./sortableColumns";

const columns = (month: string): Column<AppCalls>[] => [
  {
    ...textColumn(
      "app",
      "App",
      (a) => a.name,
      (a) => <a href={`/apps/${encodeURIComponent(a.appId)}?month=${month}`}>{a.name}</a>,
    ),
    rowHeader: true,
  },
  countColumn("calls", "Calls", (a) => a.requests),
  countColumn("throttled", "Throttled (429, not billed)", (a) => a.throttled),
  countColumn("filtered", "Filtered prompts", (a) => a.filtered),
  countColumn("errors", "Errors (not billed)", (a) => a.error),
  countColumn("cutOff", "Cut off", (a) => a.cutOff),
  countColumn("timeout", "Timed out", (a) => a.timeout),
  { ...countColumn("unknown", "Usage unknown", (a) => a.usageUnknown), testId: "usage-unknown" },
];

const TABLE = { testId: "failed-calls", param: "failedSort", rowTestId: "failed-calls-row" } as const;
const NONE = "No failed calls, and every billed call reported its usage.";

/**
 * Failed and cut-off calls per app, and billed calls whose usage is unknown (not priced, not zero);
 * sortable by any column (`failedSort`) when the page's address is given.
 */
export function FailedCallsTable({ calls, month, address }: { calls: CallOutcomes; month: string; address?: PageAddress }) {
  const caption = (
    <>
      Failed calls in {month}: {formatCount(calls.failed)} of {formatCount(calls.requests)}; usage unknown (billed, not priced):{" "}
      {formatCount(calls.usageUnknown)}
    </>
  );
  return <SortableTable {...TABLE} caption={caption} columns={columns(month)} rows={calls.apps} rowKey={(a) => a.appId} address={address} empty={NONE} />;
}
