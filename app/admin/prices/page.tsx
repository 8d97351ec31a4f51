import { forbidden } from "next/navigation";
import { may } from "@/lib/auth/access";
import { requireCaller } from "@/app/_server/currentCaller";
import { loadPricer } from "@/lib/pricing/loadPricer";
import { priceFreshness } from "@/lib/pricing/syncRetailPrices";
import { formatAtto } from "@/lib/core/money";
import { listModelFamilies } from "@/lib/pricing/modelFamilies";
import { idleCapacityAppId } from "@/lib/pricing/reservation";
import { getChargebackReport } from "@/lib/reports/getChargebackReport";
import { formatCount } from "@/lib/reports/formatMoney";
import { currentMonth } from "@/lib/core/clock";
import { getSharedStore } from "@/lib/store";
import { previousMonth } from "@/lib/core/months";
import { ModelFamilies } from "./ModelFamilies";
import { LedgerReader } from "@/lib/ledger/ledgerReader";

export const dynamic = "force-dynamic";

const SHOWN = 300;

/** The price book in use, and the usage still waiting on a price. Finance and admins. */
export default async function PricesPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const caller = await requireCaller("/admin/prices");
  if (!may(caller, "catalog:read")) forbidden();
  const q = ((await searchParams).q ?? "").trim().toLowerCase().slice(0, 100);
  const store = getSharedStore();
  const reader = new LedgerReader(store);
  const month = currentMonth();
  const [pricer, now, before, freshness, discounts, reservations, markups] = await Promise.all([
    loadPricer(store),
    getChargebackReport(reader, month, "business-unit"),
    getChargebackReport(reader, previousMonth(month), "business-unit"),
    priceFreshness(store),
    store.listDiscounts(),
    store.listReservations(),
    store.listMarkups(),
  ]);
  const day = (at: number) => new Date(at).toISOString().replace("T", " ").slice(0, 16);
  const entries = pricer.book
    .entries()
    .filter((e) => q === "" || `${e.modelId} ${e.price.meterName} ${e.region} ${e.sku}`.toLowerCase().includes(q))
    .sort(
      (a, b) =>
        a.modelId.localeCompare(b.modelId) ||
        a.region.localeCompare(b.region) ||
        a.sku.localeCompare(b.sku) ||
        a.kind.localeCompare(b.kind) ||
        a.price.from.localeCompare(b.price.from),
    );
  const waiting = [...before.unpriced.reasons.map((r) => ({ ...r, month: before.month })), ...now.unpriced.reasons.map((r) => ({ ...r, month }))];
  return (
    <>
      <h1>Prices</h1>
      <p className="sub">
        Azure Retail Prices ({pricer.book.currency}, pay-as-you-go) as imported, each from its effective date. Usage is priced when reports are read, so a price
        imported now prices every open month&apos;s waiting requests at once; closed months get their corrections in the next open month.
      </p>
      <p data-testid="price-freshness">
        {freshness.lastGood
          ? `Last synced from the Retail Prices API ${day(freshness.lastGood)} UTC.`
          : "Never synced from the Retail Prices API: prices are as imported from files (chargeback prices import)."}
        {freshness.failingSince && (
          <strong className="error">
            {" "}
            Syncing has failed since {day(freshness.failingSince)} UTC ({freshness.lastError}); the last good prices stay in use.
          </strong>
        )}
      </p>
      <table>
        <caption>Usage waiting on a price</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Why it is not priced</th>
            <th scope="col" className="num">
              Requests
            </th>
            <th scope="col" className="num">
              Tokens
            </th>
          </tr>
        </thead>
        <tbody>
          {waiting.length === 0 && (
            <tr>
              <td colSpan={4}>
                Every request of {previousMonth(month)} and {month} is priced.
              </td>
            </tr>
          )}
          {waiting.map((w) => (
            <tr key={`${w.month}|${w.reason}`} data-testid="unpriced-row">
              <td>{w.month}</td>
              <th scope="row">{w.reason}</th>
              <td className="num">{formatCount(w.requests)}</td>
              <td className="num">{formatCount(w.totalTokens)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>Negotiated discounts (chargeback discounts import)</caption>
        <thead>
          <tr>
            <th scope="col">Model family</th>
            <th scope="col" className="num">
              Off list
            </th>
            <th scope="col">From</th>
            <th scope="col">Until</th>
          </tr>
        </thead>
        <tbody>
          {discounts.length === 0 && (
            <tr>
              <td colSpan={4}>None: everything is charged at list prices.</td>
            </tr>
          )}
          {discounts.map((d) => (
            <tr key={`${d.family}|${d.validFrom}`} data-testid="discount-row">
              <th scope="row">{d.family === "*" ? "every model" : d.family}</th>
              <td className="num">{d.percent}%</td>
              <td>{d.validFrom}</td>
              <td>{d.validTo ?? "open"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>Provisioned throughput reservations (chargeback reservations import)</caption>
        <thead>
          <tr>
            <th scope="col">Deployment</th>
            <th scope="col" className="num">
              PTU
            </th>
            <th scope="col" className="num">
              Price per PTU
            </th>
            <th scope="col" className="num">
              Output weight
            </th>
            <th scope="col">Idle hours</th>
            <th scope="col">From</th>
            <th scope="col">Until</th>
          </tr>
        </thead>
        <tbody>
          {reservations.length === 0 && (
            <tr>
              <td colSpan={7}>None: usage on provisioned deployments waits on a reservation.</td>
            </tr>
          )}
          {reservations.map((r) => (
            <tr key={`${r.deployment}|${r.validFrom}`} data-testid="reservation-row">
              <th scope="row">{r.deployment}</th>
              <td className="num">{r.units}</td>
              <td className="num">
                {r.price} {r.currency} per {r.per}
              </td>
              <td className="num">{r.outputWeight}</td>
              <td>{r.idle === "share" ? "shared by the month's users" : `booked to ${idleCapacityAppId(r.deployment)}`}</td>
              <td>{r.validFrom}</td>
              <td>{r.validTo ?? "open"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>Markups and platform fees (chargeback markups import), each its own statement line</caption>
        <thead>
          <tr>
            <th scope="col">Business unit</th>
            <th scope="col">Line</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">Carried by</th>
            <th scope="col">From</th>
            <th scope="col">Until</th>
          </tr>
        </thead>
        <tbody>
          {markups.length === 0 && (
            <tr>
              <td colSpan={6}>None: statements charge usage only.</td>
            </tr>
          )}
          {markups.map((m) => (
            <tr key={`${m.businessUnit}|${m.kind}|${m.validFrom}`} data-testid="markup-row">
              <th scope="row">{m.businessUnit === "*" ? "every unit" : m.businessUnit}</th>
              <td>{m.label || (m.kind === "percent" ? "Platform markup" : "Platform fee")}</td>
              <td className="num">{m.kind === "percent" ? `${m.amount}% of usage cost` : `${m.amount} ${m.currency} a month`}</td>
              <td>{m.kind === "percent" ? "each cost center, on its usage" : m.costCenter || "the units' cost centers, by usage cost"}</td>
              <td>{m.validFrom}</td>
              <td>{m.validTo ?? "open"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {/* biome-ignore lint/a11y/useSemanticElements: a GET form is the search; <search> around it adds nothing for the browsers we test */}
      <form className="fields" role="search">
        <label>
          Find a model, meter, region or SKU
          <input name="q" defaultValue={q} />
        </label>
        <button type="submit">Find</button>
      </form>
      <ModelFamilies families={listModelFamilies(pricer.book).filter((f) => q === "" || `${f.modelId} ${f.meters.join(" ")}`.toLowerCase().includes(q))} />
      <table>
        <caption>
          Price book: {entries.length} prices{entries.length > SHOWN ? `, the first ${SHOWN} shown` : ""}
        </caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Deployment type</th>
            <th scope="col">Region</th>
            <th scope="col">Tokens</th>
            <th scope="col" className="num">
              Per 1M tokens
            </th>
            <th scope="col">From</th>
            <th scope="col">Meter</th>
          </tr>
        </thead>
        <tbody>
          {entries.slice(0, SHOWN).map((e) => (
            <tr key={`${e.modelId}|${e.sku}|${e.tier}|${e.context}|${e.region}|${e.kind}|${e.price.from}`} data-testid="price-row">
              <th scope="row">{e.modelId}</th>
              <td>
                {e.sku}
                {e.tier === "standard" ? "" : ` ${e.tier}`}
                {e.context === "long" ? " long context" : ""}
              </td>
              <td>{e.region}</td>
              <td>{e.kind}</td>
              <td className="num">{formatAtto(e.price.atto * 1_000_000n)}</td>
              <td>{e.price.from}</td>
              <td>
                {e.price.meterName}
                <span className="hint">{e.price.meterId}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
