import type { PipelineHealth } from "@/lib/health/getPipelineHealth";
import { StatusBadge } from "@/app/_components/StatusBadge";

const perMinute = (n: number) => (n >= 10 ? n.toFixed(0) : n.toFixed(1));

/** The status page's summary: one line per check, then per source the last event and its rate. */
export function StatusChecks({ health }: { health: PipelineHealth }) {
  return (
    <>
      <div className="table-scroll">
        <table>
          <caption>Status (thresholds: docs/health.md)</caption>
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Status</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {health.checks.map((c) => (
              <tr key={c.key} data-testid={`health-${c.key.split(":")[0]}`}>
                <th scope="row">{c.label}</th>
                <td>
                  <StatusBadge status={c.status} />
                </td>
                <td>{c.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-scroll">
        <table>
          <caption>Sources: events received in the last 24 hours</caption>
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Status</th>
              <th scope="col">Last event</th>
              <th scope="col" className="num">
                Events per minute (last 15 min)
              </th>
            </tr>
          </thead>
          <tbody>
            {health.sources.length === 0 && (
              <tr>
                <td colSpan={4}>No source sent an event in the last 24 hours.</td>
              </tr>
            )}
            {health.sources.map((s) => (
              <tr key={s.source} data-testid="source-row">
                <th scope="row">
                  <code>{s.source}</code>
                </th>
                <td>
                  <StatusBadge status={s.status} />
                </td>
                <td>{s.detail}</td>
                <td className="num">{perMinute(s.perMinute)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
