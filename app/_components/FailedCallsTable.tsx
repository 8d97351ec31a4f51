import type { CallOutcomes } from "@/lib/reports/getCallOutcomes";
import { formatCount } from "@/lib/reports/formatMoney";

/** Failed and cut-off calls per app, and billed calls whose usage is unknown (not priced, not zero). */
export function FailedCallsTable({ calls, month }: { calls: CallOutcomes; month: string }) {
  return (
    <table data-testid="failed-calls">
      <caption>
        Failed calls in {month}: {formatCount(calls.failed)} of {formatCount(calls.requests)}; usage unknown (billed, not priced):{" "}
        {formatCount(calls.usageUnknown)}
      </caption>
      <thead>
        <tr>
          <th scope="col">App</th>
          <th scope="col" className="num">
            Calls
          </th>
          <th scope="col" className="num">
            Throttled (429, not billed)
          </th>
          <th scope="col" className="num">
            Filtered prompts
          </th>
          <th scope="col" className="num">
            Errors (not billed)
          </th>
          <th scope="col" className="num">
            Cut off
          </th>
          <th scope="col" className="num">
            Timed out
          </th>
          <th scope="col" className="num">
            Usage unknown
          </th>
        </tr>
      </thead>
      <tbody>
        {calls.apps.length === 0 && (
          <tr>
            <td colSpan={8}>No failed calls, and every billed call reported its usage.</td>
          </tr>
        )}
        {calls.apps.map((a) => (
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
