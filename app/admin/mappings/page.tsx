import { forbidden } from "next/navigation";
import { may } from "@/lib/auth/access";
import { requireCaller } from "@/app/_server/currentCaller";
import { formatCount, formatMoney } from "@/lib/reports/formatMoney";
import { currentMonth } from "@/lib/core/clock";
import { unmappedQueue } from "@/lib/reports/unmappedQueue";
import { getSharedStore } from "@/lib/store";
import { previousMonth } from "@/lib/core/months";
import { appHref } from "@/app/_components/unitHref";
import { assignApp, moveAppAction } from "./actions";
import { MappingImport } from "./MappingImport";
import { LedgerReader } from "@/lib/ledger/ledgerReader";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ done?: string; error?: string }> };

// An enterprise has thousands of apps: the page lists the costliest unmapped ones (each row with a
// form of every cost center) and the first mappings by name; the CSV download has them all.
const QUEUE_ROWS = 25;
const MAPPING_ROWS = 300;

/** Who pays for each app: the unmapped queue, moves, bulk CSV. Admins only. */
export default async function MappingsPage({ searchParams }: Props) {
  const caller = await requireCaller("/admin/mappings");
  if (!may(caller, "mappings:write")) forbidden();
  const { done, error } = await searchParams;
  const store = getSharedStore();
  const month = currentMonth();
  const months = [previousMonth(previousMonth(month)), previousMonth(month), month];
  const [mappings, apps, queue] = await Promise.all([store.listOrgMappings(), store.listApps(), unmappedQueue(new LedgerReader(store), months)]);
  const names = new Map(apps.map((a) => [a.appId, a.displayName]));
  const targets = [...new Map(mappings.map((m) => [`${m.costCenter}|${m.businessUnit}`, m])).values()].sort(
    (a, b) => a.businessUnit.localeCompare(b.businessUnit) || a.costCenter.localeCompare(b.costCenter),
  );
  const options = targets.map((t) => (
    <option key={`${t.costCenter}|${t.businessUnit}`} value={`${t.costCenter}|${t.businessUnit}`}>
      {t.costCenter} · {t.businessUnit}
    </option>
  ));
  const current = mappings.filter((m) => m.validTo === null).sort((a, b) => (names.get(a.appId) ?? a.appId).localeCompare(names.get(b.appId) ?? b.appId));
  return (
    <>
      <h1>App mappings</h1>
      <p className="sub">
        Which cost center pays for each app, from which day (UTC). Changes re-attribute open months at once; closed months keep their statements and get
        corrections booked in the next open month.
      </p>
      {done && <p role="status">{done}</p>}
      {error && (
        <div className="error" role="alert">
          {error.split("\n").map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      <p className="downloads">
        <a href="/api/v1/mappings?format=csv" download>
          Download all mappings (CSV)
        </a>{" "}
        · <a href="/admin/audit">Audit log</a>
      </p>

      <table>
        <caption>
          Unmapped apps, {months[0]} to {month}, by unattributed cost
        </caption>
        <thead>
          <tr>
            <th scope="col">App</th>
            <th scope="col" className="num">
              Unattributed
            </th>
            <th scope="col" className="num">
              Requests
            </th>
            <th scope="col">Seen</th>
            <th scope="col">Assign</th>
          </tr>
        </thead>
        <tbody>
          {queue.length === 0 && (
            <tr>
              <td colSpan={5}>Every app with usage is mapped.</td>
            </tr>
          )}
          {queue.slice(0, QUEUE_ROWS).map((u) => (
            <tr key={u.appId} data-testid="unmapped-app">
              <th scope="row">
                <a href={appHref(u.appId, month)}>{u.appName}</a>
                <span className="hint">{u.appId}</span>
              </th>
              <td className="num" data-testid="unmapped-cost">
                {formatMoney(u.cost)}
              </td>
              <td className="num">{formatCount(u.requests)}</td>
              <td>
                {u.firstDay} to {u.lastDay}
              </td>
              <td>
                <form action={assignApp} className="fields">
                  <input type="hidden" name="appId" value={u.appId} />
                  <input type="hidden" name="reason" value="assigned from the unmapped queue" />
                  <label>
                    Cost center
                    <select
                      name="target"
                      required
                      aria-label={`Cost center for ${u.appName}`}
                      defaultValue={u.suggestion ? `${u.suggestion.costCenter}|${u.suggestion.businessUnit}` : undefined}
                    >
                      {options}
                    </select>
                    {u.suggestion && (
                      <span className="hint" data-testid="suggestion">
                        suggested: {u.suggestion.because}
                      </span>
                    )}
                  </label>
                  <label>
                    From
                    <input type="date" name="validFrom" defaultValue={u.firstDay} required aria-label={`From which day ${u.appName} is charged`} />
                  </label>
                  <button type="submit" aria-label={`Assign ${u.appName}`}>
                    Assign
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {queue.length > QUEUE_ROWS && (
        <p className="note" data-testid="more-unmapped">
          {formatCount(queue.length - QUEUE_ROWS)} more unmapped apps with less cost: assign them here as these are done, or all at once with a mapping CSV
          below.
        </p>
      )}

      <h2>Move an app</h2>
      <form action={moveAppAction} className="fields">
        <label>
          App
          <select name="appId" required aria-label="App to move">
            {current.map((m) => (
              <option key={m.appId} value={m.appId}>
                {names.get(m.appId) ?? m.appId} ({m.costCenter})
              </option>
            ))}
          </select>
        </label>
        <label>
          To cost center
          <select name="target" required aria-label="Cost center to move it to">
            {options}
          </select>
        </label>
        <label>
          From
          <input type="date" name="from" required aria-label="First day in the new cost center" />
        </label>
        <label>
          Reason
          <input name="reason" required minLength={3} aria-label="Reason for the move" />
        </label>
        <button type="submit" className="primary">
          Move
        </button>
      </form>

      <MappingImport />

      <table>
        <caption>
          {mappings.length > MAPPING_ROWS
            ? `Mappings, the first ${MAPPING_ROWS} of ${formatCount(mappings.length)} by app name (download all as CSV above)`
            : "All mappings"}
        </caption>
        <thead>
          <tr>
            <th scope="col">App</th>
            <th scope="col">Cost center</th>
            <th scope="col">Business unit</th>
            <th scope="col">From</th>
            <th scope="col">Until</th>
          </tr>
        </thead>
        <tbody>
          {[...mappings]
            .sort((a, b) => (names.get(a.appId) ?? a.appId).localeCompare(names.get(b.appId) ?? b.appId) || a.validFrom.localeCompare(b.validFrom))
            .slice(0, MAPPING_ROWS)
            .map((m) => (
              <tr key={`${m.appId}|${m.validFrom}`} data-testid="mapping-row">
                <th scope="row">{names.get(m.appId) ?? m.appId}</th>
                <td>{m.costCenter}</td>
                <td>{m.businessUnit}</td>
                <td>{m.validFrom}</td>
                <td>{m.validTo ?? "open"}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </>
  );
}
