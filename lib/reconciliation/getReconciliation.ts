import { monthDays } from "../core/months";
import { allocateCents, attoToCents, formatCents, magnitude, parseCents } from "../core/money";
import type { ReportStore } from "../store/port";
import { eventMeters } from "./eventMeters";
import { LedgerReader } from "../ledger/ledgerReader";
import { sumInvoiceLines } from "./invoiceMeters";
import { likelyCause } from "./likelyCause";
import type { DayTotals, MeterTotals } from "./meterKey";
import { itemAt } from "../core/arrays";

export type ReconciliationRow = {
  region: string;
  model: string;
  sku: string;
  kind: string;
  resources: string[];
  deployments: string[];
  invoiceTokens: number;
  eventTokens: number;
  invoicedCost: string;
  computedCost: string;
  variance: string;
  variancePercent: string | null;
  credits: string;
  cause: string;
};
export type GapDay = { day: string; invoiceTokens: number; eventTokens: number; invoicedCost: string; computedCost: string; variance: string };
export type CauseSummary = { cause: string; meters: number; variance: string };
export type Reconciliation = {
  month: string;
  currency: string;
  /** False when no Azure cost export covers the month: there is nothing to compare, only our side. */
  invoiced: boolean;
  /** The meters by likely cause, largest variance first (empty without an invoice). */
  causes: CauseSummary[];
  rows: ReconciliationRow[];
  total: { invoiceTokens: number; eventTokens: number; invoicedCost: string; computedCost: string; variance: string; variancePercent: string | null };
  /** Days whose billed and gateway tokens differ by more than LARGE_GAP_PERCENT. */
  gapDays: GapDay[];
  /** Invoice rows in another currency than the reports', which cannot be compared. */
  otherCurrencies: Record<string, number>;
};

export const LARGE_GAP_PERCENT = 5n;

/**
 * The month's bill beside our events, per region, model, deployment type and token kind. Each
 * cost column is rounded to cents by largest remainder, so its rows add up to its total; the
 * variance is invoiced minus computed, in cents, and its percent is of the computed cost.
 */
export async function getReconciliation(store: ReportStore, month: string, reader = new LedgerReader(store)): Promise<Reconciliation> {
  const { from, to } = monthDays(month);
  // A caller that shows the month in other views too passes its reader, so the month is priced once.
  const [ledger, lines] = await Promise.all([reader.ledger(month), store.listInvoiceLines(from, to)]);
  const events = eventMeters(ledger);
  const bill = sumInvoiceLines(lines, events.currency);
  const keys = [...new Set([...bill.byMeter.keys(), ...events.byMeter.keys()])].sort();
  const side = (k: string) => (bill.byMeter.get(k) ?? events.byMeter.get(k)) as MeterTotals;
  const invoiced = allocateCents(keys.map((k) => bill.byMeter.get(k)?.atto ?? 0n));
  const computed = allocateCents(keys.map((k) => events.byMeter.get(k)?.atto ?? 0n));
  const rows = keys.map((k, i): ReconciliationRow => {
    const b = bill.byMeter.get(k);
    const e = events.byMeter.get(k);
    const { region, model, sku, kind } = side(k);
    const figures = {
      sku,
      invoiceTokens: b?.tokens ?? 0n,
      eventTokens: e?.tokens ?? 0n,
      invoiceAtto: b?.atto ?? 0n,
      eventAtto: e?.atto ?? 0n,
      creditAtto: bill.credits.get(k) ?? 0n,
      unpricedTokens: events.unpricedTokens.get(k) ?? 0n,
    };
    return {
      region,
      model,
      sku,
      kind,
      resources: [...(b?.names ?? [])].sort(),
      deployments: [...(e?.names ?? [])].sort(),
      invoiceTokens: Number(figures.invoiceTokens),
      eventTokens: Number(figures.eventTokens),
      ...money(itemAt(invoiced, i), itemAt(computed, i)),
      credits: formatCents(attoToCents(figures.creditAtto)),
      // Without an invoice every meter would read as missing from the bill: no cause is guessed.
      cause: lines.length === 0 ? "" : likelyCause(figures),
    };
  });
  const sum = (m: Map<string, { tokens: bigint; atto: bigint }>, f: "tokens" | "atto") => [...m.values()].reduce((a, t) => a + t[f], 0n);
  return {
    month,
    currency: events.currency,
    invoiced: lines.length > 0,
    causes: summariseCauses(rows),
    rows,
    total: {
      invoiceTokens: Number(sum(bill.byMeter, "tokens")),
      eventTokens: Number(sum(events.byMeter, "tokens")),
      ...money(
        invoiced.reduce((a, b) => a + b, 0n),
        computed.reduce((a, b) => a + b, 0n),
      ),
    },
    gapDays: gapDays(bill.byDay, events.byDay),
    otherCurrencies: bill.otherCurrencies,
  };
}

function summariseCauses(rows: readonly ReconciliationRow[]): CauseSummary[] {
  const byCause = new Map<string, { meters: number; cents: bigint }>();
  for (const row of rows) {
    if (row.cause === "" || row.cause === "matches") continue;
    const entry = byCause.get(row.cause) ?? { meters: 0, cents: 0n };
    entry.meters += 1;
    entry.cents += parseCents(row.variance);
    byCause.set(row.cause, entry);
  }
  return [...byCause]
    .sort(([, a], [, b]) => (magnitude(b.cents) > magnitude(a.cents) ? 1 : magnitude(b.cents) < magnitude(a.cents) ? -1 : 0))
    .map(([cause, e]) => ({ cause, meters: e.meters, variance: formatCents(e.cents) }));
}

function money(invoicedCents: bigint, computedCents: bigint) {
  const variance = invoicedCents - computedCents;
  return {
    invoicedCost: formatCents(invoicedCents),
    computedCost: formatCents(computedCents),
    variance: formatCents(variance),
    variancePercent: percentOf(variance, computedCents),
  };
}

/** One decimal, rounded half away from zero; none when there is nothing to compare against. */
function percentOf(part: bigint, whole: bigint): string | null {
  if (whole === 0n) return null;
  const tenths = (part * 2000n) / whole;
  const rounded = tenths >= 0n ? (tenths + 1n) / 2n : -((-tenths + 1n) / 2n);
  const sign = rounded < 0n ? "-" : "";
  const abs = rounded < 0n ? -rounded : rounded;
  return `${sign}${abs / 10n}.${abs % 10n}`;
}

function gapDays(bill: Map<string, DayTotals>, events: Map<string, DayTotals>): GapDay[] {
  const days = [...new Set([...bill.keys(), ...events.keys()])].sort();
  return days.flatMap((day) => {
    const b = bill.get(day) ?? { tokens: 0n, atto: 0n };
    const e = events.get(day) ?? { tokens: 0n, atto: 0n };
    const larger = b.tokens > e.tokens ? b.tokens : e.tokens;
    const gap = b.tokens > e.tokens ? b.tokens - e.tokens : e.tokens - b.tokens;
    if (gap * 100n <= larger * LARGE_GAP_PERCENT) return [];
    const [invoicedCents, computedCents] = [attoToCents(b.atto), attoToCents(e.atto)];
    return [
      {
        day,
        invoiceTokens: Number(b.tokens),
        eventTokens: Number(e.tokens),
        invoicedCost: formatCents(invoicedCents),
        computedCost: formatCents(computedCents),
        variance: formatCents(invoicedCents - computedCents),
      },
    ];
  });
}
