import { may, type Caller } from "@/lib/auth/access";
import { formatCount, formatMoney } from "@/lib/reports/formatMoney";
import { unmappedQueue } from "@/lib/reports/unmappedQueue";
import { LedgerReader } from "@/lib/ledger/ledgerReader";
import { getSharedStore } from "@/lib/store";
import { appHref } from "@/app/_components/unitHref";
import { MonthNav } from "@/app/_components/MonthNav";
import { InvalidMonthNote, type MonthNote } from "@/app/_components/InvalidMonthNote";
import { Pager, pageParam } from "@/app/admin/mappings/Pager";

const ROWS = 50;

/**
 * Which apps no mapping covers in a month, by name, with their calls, cost and first and last
 * day seen: what finance chases. Admins get a link to assign each one.
 */
export async function UnmappedAppsPage({ caller, month, monthNote, page: asked }: { caller: Caller; month: string; monthNote: MonthNote; page?: string }) {
  const apps = await unmappedQueue(new LedgerReader(getSharedStore()), [month]);
  const pages = Math.ceil(apps.length / ROWS);
  const page = pageParam(asked, pages);
  const admin = may(caller, "mappings:write");
  return (
    <>
      <h1>Unmapped apps, {month}</h1>
      <p className="sub">
        Apps with usage that no mapping assigns to a cost center: their cost is in no unit&apos;s figures until an admin maps them.
        {admin && (
          <>
            {" "}
            <a href="/admin/mappings">Assign them on the mappings page</a>.
          </>
        )}
      </p>
      <InvalidMonthNote note={monthNote} month={month} />
      <MonthNav month={month} path="/unmapped" />
      <table>
        <caption>
          {formatCount(apps.length)} unmapped apps in {month}, by cost
        </caption>
        <thead>
          <tr>
            <th scope="col">App</th>
            <th scope="col" className="num">
              Calls
            </th>
            <th scope="col" className="num">
              Cost
            </th>
            <th scope="col">First seen</th>
            <th scope="col">Last seen</th>
            {admin && (
              <th scope="col">
                <span className="visually-hidden">Assign</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {apps.length === 0 && (
            <tr>
              <td colSpan={admin ? 6 : 5}>Every app with usage in {month} is mapped.</td>
            </tr>
          )}
          {apps.slice((page - 1) * ROWS, page * ROWS).map((a) => (
            <tr key={a.appId} data-testid="unmapped-app-row">
              <th scope="row">
                <a href={appHref(a.appId, month)}>{a.appName}</a>
                <span className="hint">{a.appId}</span>
              </th>
              <td className="num">{formatCount(a.requests)}</td>
              <td className="num">{formatMoney(a.cost)}</td>
              <td>{a.firstDay}</td>
              <td>{a.lastDay}</td>
              {admin && (
                <td>
                  <a href={`/admin/mappings?q=${encodeURIComponent(a.appId)}`} aria-label={`Assign ${a.appName}`}>
                    Assign
                  </a>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <Pager label="Unmapped apps" page={page} pages={pages} href={(p) => `/unmapped?month=${month}&page=${p}`} />
    </>
  );
}
