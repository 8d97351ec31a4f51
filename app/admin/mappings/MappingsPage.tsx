import { formatCount, formatMoney } from "@/lib/reports/formatMoney";
import { currentMonth } from "@/lib/core/clock";
import { unmappedQueue } from "@/lib/reports/unmappedQueue";
import type { ReportStore } from "@/lib/store/port";
import { previousMonth } from "@/lib/core/months";
import { listCostCenters } from "@/lib/org/costCenters";
import { appHref } from "@/app/_components/unitHref";
import { LedgerReader } from "@/lib/ledger/ledgerReader";
import { OrgMapping } from "@/lib/org/orgMapping";
import { today } from "@/lib/core/clock";
import { restoreMapping } from "./actions";
import { AssignForm } from "./AssignForm";
import { EndMappingForm } from "./EndMappingForm";
import { MoveForm } from "./MoveForm";
import { MappingImport } from "./MappingImport";
import { Pager, pageParam } from "./Pager";

// An enterprise has thousands of apps: both tables are paged and searched on the server (in the
// address), so the page stays small; the CSV download has every mapping.
const QUEUE_ROWS = 10;
const MAPPING_ROWS = 50;

type Params = { done?: string; undo?: string; q?: string; page?: string; queue?: string };

/** The range an End took away, from the address, to offer Undo; nothing when there is none to restore. */
function endedMapping(undo: string | undefined): OrgMapping | null {
  if (!undo) return null;
  try {
    const parsed = OrgMapping.safeParse(JSON.parse(undo));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function MappingsPage({ store, params }: { store: ReportStore; params: Params }) {
  const { done } = params;
  const ended = endedMapping(params.undo);
  const q = (params.q ?? "").trim().slice(0, 100);
  const month = currentMonth();
  const months = [previousMonth(previousMonth(month)), previousMonth(month), month];
  const [mappings, apps, queue] = await Promise.all([store.listOrgMappings(), store.listApps(), unmappedQueue(new LedgerReader(store), months)]);
  const names = new Map(apps.map((a) => [a.appId, a.displayName]));
  const costCenters = listCostCenters(mappings);
  const matches = (...texts: string[]) => q === "" || texts.some((t) => t.toLowerCase().includes(q.toLowerCase()));
  const waiting = queue.filter((u) => matches(u.appName, u.appId));
  const queuePages = Math.ceil(waiting.length / QUEUE_ROWS);
  const queuePage = pageParam(params.queue, queuePages);
  const listed = mappings
    .map((m) => ({ ...m, name: names.get(m.appId) ?? m.appId }))
    .filter((m) => matches(m.name, m.appId, m.costCenter, m.businessUnit))
    .sort((a, b) => a.name.localeCompare(b.name) || a.validFrom.localeCompare(b.validFrom));
  const pages = Math.ceil(listed.length / MAPPING_ROWS);
  const page = pageParam(params.page, pages);
  const href = (change: Record<string, number>) => {
    const next = new URLSearchParams({ ...(q ? { q } : {}), queue: String(queuePage), page: String(page) });
    for (const [k, v] of Object.entries(change)) next.set(k, String(v));
    return `/admin/mappings?${next}`;
  };
  return (
    <>
      <h1>App mappings</h1>
      <p className="sub">
        Which cost center pays for each app, from which day (UTC). Changes re-attribute open months at once; a change that reaches a closed month shows the
        corrections it books (in the next open month) before it is applied.
      </p>
      {done && (
        <div role="status">
          <p>{done}</p>
          {ended && (
            <form action={restoreMapping}>
              {Object.entries(ended).map(([name, value]) => (
                <input key={name} type="hidden" name={name} value={value ?? ""} />
              ))}
              <button type="submit">Undo</button>
            </form>
          )}
        </div>
      )}
      <p className="downloads">
        <a href="/api/v1/mappings?format=csv" download>
          Download all mappings (CSV)
        </a>{" "}
        · <a href="/admin/audit">Audit log</a>
      </p>
      <search>
        <form method="get" className="fields">
          <label>
            Find an app, cost center or unit
            <input name="q" type="search" defaultValue={q} aria-label="Find an app, cost center or unit" />
          </label>
          <button type="submit">Search</button>
          {q && <a href="/admin/mappings">Clear</a>}
        </form>
      </search>

      <table>
        <caption>
          Unmapped apps, {months[0]} to {month}, by unattributed cost{q ? `, matching “${q}”` : ""} ({formatCount(waiting.length)})
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
          {waiting.length === 0 && (
            <tr>
              <td colSpan={5}>{q ? "No unmapped app matches." : "Every app with usage is mapped."}</td>
            </tr>
          )}
          {waiting.slice((queuePage - 1) * QUEUE_ROWS, queuePage * QUEUE_ROWS).map((u) => (
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
                <AssignForm
                  app={u}
                  costCenters={costCenters}
                  suggestion={u.suggestion ? `${u.suggestion.costCenter} · ${u.suggestion.businessUnit} (${u.suggestion.because})` : null}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager label="Unmapped apps" page={queuePage} pages={queuePages} href={(p) => href({ queue: p })} />

      <MoveForm costCenters={costCenters} />

      <MappingImport />

      <table>
        <caption>
          Mappings{q ? ` matching “${q}”` : ""}, {formatCount(listed.length)} by app name
        </caption>
        <thead>
          <tr>
            <th scope="col">App</th>
            <th scope="col">Cost center</th>
            <th scope="col">Business unit</th>
            <th scope="col">From</th>
            <th scope="col">Until</th>
            <th scope="col">
              <span className="visually-hidden">End</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {listed.slice((page - 1) * MAPPING_ROWS, page * MAPPING_ROWS).map((m) => (
            <tr key={`${m.appId}|${m.validFrom}`} data-testid="mapping-row">
              <th scope="row">
                {m.name}
                <span className="hint">{m.appId}</span>
              </th>
              <td>{m.costCenter}</td>
              <td>{m.businessUnit}</td>
              <td>{m.validFrom}</td>
              <td>{m.validTo ?? "open"}</td>
              <td>{m.validTo === null && <EndMappingForm mapping={m} appName={m.name} today={today()} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager label="Mappings" page={page} pages={pages} href={(p) => href({ page: p })} />
    </>
  );
}
