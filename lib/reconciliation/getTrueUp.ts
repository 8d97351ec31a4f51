import { UserError } from "../core/errors";
import { allocateCents, attoToCents, formatCents, splitByWeight } from "../core/money";
import { monthDays } from "../core/months";
import type { ReportStore } from "../store/port";
import { chargedByMeter } from "./eventMeters";
import { LedgerReader } from "../ledger/ledgerReader";
import { sumInvoiceLines } from "./invoiceMeters";
import { meterKey } from "./meterKey";
import { itemAt } from "../core/arrays";

/** Invoiced cost on meters nobody's usage was charged on: to one cost center, or shared pro rata. */
export type Unmatched = { costCenter: string } | "pro-rata";
/** The app that carries unmatched invoice cost in the cost center an admin chose. */
export const UNMATCHED_APP = "invoice-unmatched";

type Holder = { businessUnit: string; costCenter: string; appId: string; rule: string };
type Amounts = { list: bigint; computed: bigint; actual: bigint };
/** Exact amounts (10^-18) per business unit, cost center and app, before any rounding. */
export type TrueUpAmounts = { currency: string; holders: (Holder & Amounts)[]; invoice: bigint; unmatched: bigint };
export type TrueUpRow = Holder & { list: string; computed: string; actual: string; trueUp: string };
export type TrueUp = {
  month: string;
  currency: string;
  invoice: string;
  unmatched: string;
  unmatchedTo: string;
  rows: TrueUpRow[];
  businessUnits: Omit<TrueUpRow, "costCenter" | "appId" | "rule">[];
};

/**
 * The month at actual cost: each meter's invoiced (effective) cost split among the apps charged on
 * it in proportion to their computed cost there; invoiced cost on meters with no charged usage
 * goes to the chosen cost center or pro rata to every app's computed cost. Exact to 10^-18, then
 * cents by largest remainder across business units (and unmapped apps) and within each, so the
 * units add up to the invoice to the cent.
 */
export async function getTrueUp(store: ReportStore, month: string, unmatchedTo: Unmatched): Promise<TrueUp> {
  return present(month, await getTrueUpAmounts(new LedgerReader(store), month, unmatchedTo), unmatchedTo);
}

/** The same, exact: closing a month on actual cost freezes these as true-up lines. */
export async function getTrueUpAmounts(reader: LedgerReader, month: string, unmatchedTo: Unmatched): Promise<TrueUpAmounts> {
  const { from, to } = monthDays(month);
  const [ledger, lines] = await Promise.all([reader.ledger(month), reader.store.listInvoiceLines(from, to)]);
  // Without a bill every app would be trued down to nothing.
  if (lines.length === 0) throw new UserError(`no invoice is imported for ${month}: run chargeback invoice import with the month's cost export first`);
  const charged = chargedByMeter(ledger);
  const { attribution } = ledger;
  const { mappings } = ledger.catalog;
  const bill = sumInvoiceLines(lines, charged.currency);
  const holders = new Map<string, Holder & Amounts>();
  const holder = (h: Holder) => {
    const key = `${h.businessUnit}|${h.costCenter}|${h.appId}|${h.rule}`;
    let entry = holders.get(key);
    if (!entry) holders.set(key, (entry = { ...h, list: 0n, computed: 0n, actual: 0n }));
    return entry;
  };
  // Who was charged what on each meter.
  const onMeter = new Map<string, Map<Holder & Amounts, bigint>>();
  for (const { row, parts } of charged.rows) {
    // A split row is charged to each of its holders exactly as the statement splits it.
    const split = attribution.sharesOf(row.appId, row.deployment, row.day);
    const weights = split.map((s) => s.weight);
    const hs = split.map((s) => holder({ businessUnit: s.businessUnit, costCenter: s.costCenter, appId: row.appId, rule: s.rule }));
    if (row.charge.priced) splitByWeight(row.charge.listAtto, weights).forEach((atto, i) => (itemAt(hs, i).list += atto));
    for (const p of parts) {
      const shares = onMeter.get(meterKey(p.meter)) ?? new Map<Holder & Amounts, bigint>();
      splitByWeight(p.atto, weights).forEach((atto, i) => {
        const h = itemAt(hs, i);
        h.computed += atto;
        shares.set(h, (shares.get(h) ?? 0n) + atto);
      });
      onMeter.set(meterKey(p.meter), shares);
    }
  }
  let unmatched = 0n;
  for (const [key, meter] of bill.byMeter) {
    const shares = [...(onMeter.get(key) ?? new Map()).entries()];
    if (shares.reduce((a, [, w]) => a + w, 0n) === 0n) {
      unmatched += meter.atto;
      continue;
    }
    splitByWeight(
      meter.atto,
      shares.map(([, w]) => w),
    ).forEach((atto, i) => (itemAt(shares, i)[0].actual += atto));
  }
  const receivers = unmatched === 0n ? [] : unmatchedTo === "pro-rata" ? [...holders.values()] : [holder(costCenterHolder(mappings, unmatchedTo.costCenter))];
  if (unmatched !== 0n && unmatchedTo === "pro-rata" && receivers.every((h) => h.computed === 0n)) {
    throw new UserError(
      `no usage was charged in ${month} to share ${formatCents(attoToCents(unmatched))} of invoice pro rata: name a cost center (--unmatched <cost center>)`,
    );
  }
  const weights = unmatchedTo === "pro-rata" ? receivers.map((h) => h.computed) : receivers.map(() => 1n);
  splitByWeight(unmatched, weights).forEach((atto, i) => (itemAt(receivers, i).actual += atto));
  const invoice = [...bill.byMeter.values()].reduce((a, m) => a + m.atto, 0n);
  return { currency: charged.currency, holders: [...holders.values()], invoice, unmatched };
}

function costCenterHolder(mappings: readonly { costCenter: string; businessUnit: string }[], costCenter: string): Holder {
  const mapping = mappings.find((m) => m.costCenter === costCenter);
  if (!mapping) throw new UserError(`no cost center "${costCenter}" in the org mappings`);
  return { businessUnit: mapping.businessUnit, costCenter, appId: UNMATCHED_APP, rule: "" };
}

function present(month: string, { currency, holders: all, invoice, unmatched }: TrueUpAmounts, unmatchedTo: Unmatched): TrueUp {
  const held = all
    .filter((h) => h.list !== 0n || h.computed !== 0n || h.actual !== 0n)
    .sort((a, b) => (`${a.businessUnit}|${a.costCenter}|${a.appId}|${a.rule}` < `${b.businessUnit}|${b.costCenter}|${b.appId}|${b.rule}` ? -1 : 1));
  const groupOf = (h: Holder) => (h.businessUnit === "" ? `unmapped|${h.appId}` : h.businessUnit);
  const groups = [...new Set(held.map(groupOf))];
  // Cents once across groups, then within each: the same rule as statements (allocateLines).
  const cents = (f: keyof Amounts) => {
    const groupCents = allocateCents(groups.map((g) => held.filter((h) => groupOf(h) === g).reduce((a, h) => a + h[f], 0n)));
    const out = new Map<Holder, bigint>();
    groups.forEach((g, i) => {
      const members = held.filter((h) => groupOf(h) === g);
      allocateCents(
        members.map((h) => h[f]),
        itemAt(groupCents, i),
      ).forEach((c, j) => out.set(itemAt(members, j), c));
    });
    return out;
  };
  const [list, computed, actual] = [cents("list"), cents("computed"), cents("actual")];
  const row = (l: bigint, c: bigint, a: bigint) => ({ list: formatCents(l), computed: formatCents(c), actual: formatCents(a), trueUp: formatCents(a - c) });
  const sum = (m: Map<Holder, bigint>, hs: Holder[]) => hs.reduce((s, h) => s + m.get(h)!, 0n);
  return {
    month,
    currency,
    invoice: formatCents(attoToCents(invoice)),
    unmatched: formatCents(attoToCents(unmatched)),
    unmatchedTo: unmatchedTo === "pro-rata" ? "pro rata" : unmatchedTo.costCenter,
    rows: held.map((h) => ({
      businessUnit: h.businessUnit,
      costCenter: h.costCenter,
      appId: h.appId,
      rule: h.rule,
      ...row(list.get(h)!, computed.get(h)!, actual.get(h)!),
    })),
    businessUnits: groups.map((g) => {
      const members = held.filter((h) => groupOf(h) === g);
      return { businessUnit: itemAt(members, 0).businessUnit, ...row(sum(list, members), sum(computed, members), sum(actual, members)) };
    }),
  };
}
