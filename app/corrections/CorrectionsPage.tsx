import { InvalidMonthNote, type MonthNote } from "@/app/_components/InvalidMonthNote";
import "server-only";
import { may, type Caller } from "../../lib/auth/access";
import { formatCents, parseCents } from "../../lib/core/money";
import { LedgerReader } from "../../lib/ledger/ledgerReader";
import { type Correction, getCorrections } from "../../lib/reports/getCorrections";
import { formatMoney } from "../../lib/reports/formatMoney";
import { getSharedStore } from "../../lib/store";
import { MonthNav } from "../_components/MonthNav";
import { appHref } from "../_components/unitHref";

type Props = { caller: Caller; month: string; monthNote: MonthNote };

const CAUSE: Record<NonNullable<Correction["cause"]>, string> = {
  usage: "Late usage",
  mapping: "Mapping change",
  price: "Price change",
  discount: "Discount change",
  markup: "Markup change",
};

/** Where a correction's cause is recorded: the audit entries of the change, or the app's late usage. Audit links only for who may read it. */
function causeLink(c: Correction, auditor: boolean): { href: string; label: string } | null {
  const audit = (q: string, label: string) => (auditor ? { href: `/admin/audit?q=${encodeURIComponent(q)}`, label } : null);
  switch (c.cause) {
    case "usage":
      return { href: appHref(c.appId, c.forMonth), label: `${c.appName} in ${c.forMonth}` };
    case "mapping":
      return c.rule ? audit(`split rule ${c.rule}`, `split rule ${c.rule}`) : audit(c.appId, `mapping of ${c.appName}`);
    case "price":
      return audit("price", "price changes");
    case "discount":
      return audit("discount", "discount changes");
    case "markup":
      return audit("markup", "markup changes");
    default:
      return null;
  }
}

export async function CorrectionsPage({ caller, month, monthNote }: Props) {
  const corrections = await getCorrections(new LedgerReader(getSharedStore()), month, caller.scope);
  const auditor = may(caller, "audit:read");
  const money = (a: string) => formatMoney(a, corrections.currency);
  const sum = (list: Correction[]) => formatCents(list.reduce((s, c) => s + parseCents(c.cost), 0n));
  return (
    <>
      <h1>Corrections, {month}</h1>
      <p className="sub">
        A closed month&apos;s statement never changes: late events, mapping fixes and price or discount changes since its close are corrections, booked in the
        next open month, one line per cause, and kept out of that month&apos;s own comparisons.
      </p>
      <InvalidMonthNote note={monthNote} month={month} />
      <MonthNav month={month} path="/corrections" />
      <CorrectionTable
        caption={`Booked in ${month}`}
        testId="booked-correction"
        empty={`No corrections to earlier months are booked in ${month}.`}
        list={corrections.booked}
        total={sum(corrections.booked)}
        money={money}
        link={(c) => causeLink(c, auditor)}
      />
      {corrections.pending && (
        <CorrectionTable
          caption={`Pending against ${month}, to be booked in ${corrections.pending.landing}`}
          testId="pending-correction"
          empty={`Nothing has changed for ${month} since it was closed.`}
          list={corrections.pending.corrections}
          total={sum(corrections.pending.corrections)}
          money={money}
          link={(c) => causeLink(c, auditor)}
        />
      )}
    </>
  );
}

type TableProps = {
  caption: string;
  testId: string;
  empty: string;
  list: Correction[];
  total: string;
  money: (a: string) => string;
  link: (c: Correction) => { href: string; label: string } | null;
};

function CorrectionTable({ caption, testId, empty, list, total, money, link }: TableProps) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">For</th>
          <th scope="col">Business unit</th>
          <th scope="col">Cost center</th>
          <th scope="col">App</th>
          <th scope="col">Model</th>
          <th scope="col">Cause</th>
          <th scope="col" className="num">
            Correction
          </th>
        </tr>
      </thead>
      <tbody>
        {list.length === 0 && (
          <tr>
            <td colSpan={7}>{empty}</td>
          </tr>
        )}
        {list.map((c) => {
          const cause = link(c);
          return (
            <tr key={`${c.forMonth}|${c.businessUnit}|${c.costCenter}|${c.appId}|${c.model}|${c.rule}`} data-testid={testId}>
              <td>{c.forMonth}</td>
              <td>{c.businessUnit || "Unmapped"}</td>
              <td>{c.costCenter || "—"}</td>
              <th scope="row">{c.appName}</th>
              <td>{c.model === "markup" ? "fee" : c.model}</td>
              <td>
                <span className="badge warn">{c.cause ? CAUSE[c.cause] : "Correction"}</span>{" "}
                {cause ? <a href={cause.href}>{cause.label}</a> : <span className="hint">{c.reason}</span>}
              </td>
              <td className="num">{money(c.cost)}</td>
            </tr>
          );
        })}
      </tbody>
      {list.length > 0 && (
        <tfoot>
          <tr>
            <td colSpan={6}>Total</td>
            <td className="num">{money(total)}</td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}
