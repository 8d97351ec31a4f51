import { monthOf } from "../core/clock";
import { formatCents, magnitude } from "../core/money";
import { dayBefore, monthDays, nextMonth, previousMonth } from "../core/months";
import type { LedgerReader } from "../ledger/ledgerReader";
import { getReconciliation } from "../reconciliation/getReconciliation";
import type { OperationsStore, PipelineLag } from "../store/port";
import { type MonthLines, monthLines } from "./monthLines";

export type CheckStatus = "pass" | "warn" | "block";
export type CheckId = "ended" | "order" | "unmapped" | "unpriced" | "usage-unknown" | "invoice" | "pipeline";
/** One line of the checklist: what was measured (`figure`), what it means (`detail`), and where to fix it. */
export type CloseCheck = { id: CheckId; label: string; status: CheckStatus; figure: string; detail: string; fix: { href: string; label: string } | null };
/** What a close would freeze: the month's total, each unit's, what nobody carries, and the corrections booked in it. */
export type FrozenTotals = {
  currency: string;
  total: string;
  units: { businessUnit: string; cost: string }[];
  unmapped: string;
  corrections: string;
};
export type CloseChecklist = { month: string; checks: CloseCheck[]; blocked: boolean; warnings: number; frozen: FrozenTotals };

/** Above this share of cost unmapped a close is refused: a tenth of the bill would go to nobody. */
export const UNMAPPED_BLOCK_PERMILLE = 100n;
/** An invoice further than this from our computed cost is worth a look before the figures freeze. */
export const INVOICE_VARIANCE_WARN_PERMILLE = 20n;

const permille = (part: bigint, whole: bigint) => (whole === 0n ? 0n : (part * 1000n) / whole);
const percentText = (part: bigint, whole: bigint) => {
  if (whole === 0n) return "0.0 %";
  const tenths = (magnitude(part) * 1000n + magnitude(whole) / 2n) / magnitude(whole);
  return `${part < 0n !== whole < 0n && tenths > 0n ? "-" : ""}${tenths / 10n}.${tenths % 10n} %`;
};
const count = (n: number) => n.toLocaleString("en-US");
const when = (at: number) => `${new Date(at).toISOString().replace("T", " ").slice(0, 16)} UTC`;

/**
 * Whether `month` is ready to close, measured live: each check passes, warns (the close needs
 * the warnings accepted) or blocks (no close). The web workspace, the API and `chargeback month
 * close` all decide by this one list, so they can never disagree.
 */
export async function getCloseChecklist(
  reader: LedgerReader,
  operations: Pick<OperationsStore, "listPipelineLag">,
  month: string,
  now: number,
): Promise<CloseChecklist> {
  const { store } = reader;
  const { from, to } = monthDays(month);
  const [lines, closedMonths, range, outcomes, reconciliation, lags] = await Promise.all([
    monthLines(reader, month),
    store.listClosedMonths(),
    store.getUsageDayRange(),
    store.listDailyOutcomes(from, to),
    getReconciliation(store, month, reader),
    operations.listPipelineLag(),
  ]);
  const frozen = frozenTotals(lines);
  const totalCents = lines.lines.reduce((a, l) => a + l.cents, 0n);
  const unmappedCents = lines.lines.filter((l) => l.businessUnit === "").reduce((a, l) => a + l.cents, 0n);
  const unpriced = lines.unpriced.reduce((n, u) => n + u.requests, 0);
  const usageUnknown = outcomes.reduce((n, o) => n + o.usageUnknown, 0);
  const checks: CloseCheck[] = [
    ended(month, now),
    order(month, new Set(closedMonths.map((c) => c.month)), range?.first ?? null),
    {
      id: "unmapped",
      label: "Cost carried by no business unit",
      figure: `${percentText(unmappedCents > 0n ? unmappedCents : 0n, totalCents)} (${formatCents(unmappedCents > 0n ? unmappedCents : 0n)} ${lines.currency})`,
      ...(unmappedCents <= 0n
        ? { status: "pass" as const, detail: "every app is mapped to a cost center" }
        : permille(unmappedCents, totalCents) >= UNMAPPED_BLOCK_PERMILLE
          ? { status: "block" as const, detail: `a tenth or more of the month's cost would be billed to nobody: map the apps first` }
          : {
              status: "warn" as const,
              detail: "stays unmapped in the frozen statement; a mapping fixed later is booked as a correction in the next open month",
            }),
      fix: unmappedCents > 0n ? { href: "/admin/mappings", label: "Map the apps" } : null,
    },
    {
      id: "unpriced",
      label: "Calls with no price",
      figure: count(unpriced),
      ...(unpriced === 0
        ? { status: "pass" as const, detail: "every call is priced" }
        : { status: "warn" as const, detail: "not charged to anyone while no price is found; a price imported later is booked as a correction" }),
      fix: unpriced > 0 ? { href: "/admin/prices", label: "See prices and deployments" } : null,
    },
    {
      id: "usage-unknown",
      label: "Billed calls with unknown usage",
      figure: count(usageUnknown),
      ...(usageUnknown === 0
        ? { status: "pass" as const, detail: "every billed call reported its tokens" }
        : { status: "warn" as const, detail: "calls cut off, timed out or filtered reported no tokens: Azure bills them, the statement cannot" }),
      fix: usageUnknown > 0 ? { href: `/?month=${month}`, label: "See each unit's calls" } : null,
    },
    invoice(month, reconciliation),
    pipeline(month, range?.last ?? null, lags),
  ];
  return {
    month,
    checks,
    blocked: checks.some((c) => c.status === "block"),
    warnings: checks.filter((c) => c.status === "warn").length,
    frozen,
  };
}

function ended(month: string, now: number): CloseCheck {
  const open = month >= monthOf(now);
  return {
    id: "ended",
    label: "Month has ended",
    figure: open ? "in progress" : "ended",
    status: open ? "block" : "pass",
    detail: open ? `it can be closed from ${nextMonth(month)}-01 (UTC)` : `${month} ended on ${dayBefore(`${nextMonth(month)}-01`)} (UTC)`,
    fix: null,
  };
}

/** Months close in order: the one before must be closed (unless no usage came before), and none after may be. */
function order(month: string, closed: ReadonlySet<string>, firstDay: string | null): CloseCheck {
  const previous = previousMonth(month);
  const later = [...closed].filter((m) => m > month).sort();
  const base = { id: "order" as const, label: "Previous month closed" };
  if (later.length > 0)
    return {
      ...base,
      figure: `${later.at(-1)} closed`,
      status: "block",
      detail: `months close in order: ${later.at(-1)} is already closed, so ${month} cannot be closed after it`,
      fix: { href: `/close?month=${later.at(-1)}`, label: `Go to ${later.at(-1)}` },
    };
  if (closed.has(previous)) return { ...base, figure: `${previous} closed`, status: "pass", detail: "months close in order", fix: null };
  if (firstDay === null || firstDay >= `${month}-01`)
    return { ...base, figure: `no usage before ${month}`, status: "pass", detail: `${month} is the first month with usage`, fix: null };
  return {
    ...base,
    figure: `${previous} open`,
    status: "block",
    detail: `months close in order: close ${previous} first`,
    fix: { href: `/close?month=${previous}`, label: `Close ${previous}` },
  };
}

function invoice(month: string, r: Awaited<ReturnType<typeof getReconciliation>>): CloseCheck {
  const base = {
    id: "invoice" as const,
    label: "Azure invoice imported",
    fix: { href: `/reconciliation?month=${month}`, label: "Reconcile with the invoice" },
  };
  if (!r.invoiced)
    return {
      ...base,
      figure: "not imported",
      status: "warn",
      detail: "the statement cannot be checked against Azure's bill; import the month's cost export (chargeback invoice import) to compare",
    };
  const variance = BigInt(r.total.variance.replace(".", ""));
  const computed = BigInt(r.total.computedCost.replace(".", ""));
  const figure = `variance ${r.total.variance} ${r.currency}${r.total.variancePercent === null ? "" : ` (${r.total.variancePercent} %)`}`;
  const large = computed === 0n ? variance !== 0n : permille(magnitude(variance), magnitude(computed)) > INVOICE_VARIANCE_WARN_PERMILLE;
  return large
    ? {
        ...base,
        figure,
        status: "warn",
        detail: `the invoice and our events differ by more than ${INVOICE_VARIANCE_WARN_PERMILLE / 10n} %: see the likely causes`,
      }
    : { ...base, figure, status: "pass", detail: "the invoice matches our events" };
}

function pipeline(month: string, lastDay: string | null, lags: readonly PipelineLag[]): CloseCheck {
  const base = { id: "pipeline" as const, label: "Pipeline fresh", fix: { href: "/admin/health", label: "Pipeline health (admins)" } };
  const lastOfMonth = dayBefore(`${nextMonth(month)}-01`);
  const lag = lags.reduce((n, l) => n + l.partitions.reduce((m, p) => m + p.lag, 0), 0);
  const measured = lags.length === 0 ? null : Math.max(...lags.map((l) => l.at));
  const lagText = measured === null ? "no Event Hubs lag reported" : `lag ${count(lag)} events (measured ${when(measured)})`;
  const figure = `last event ${lastDay ?? "never"}; ${lagText}`;
  if (lastDay === null || lastDay < lastOfMonth)
    return {
      ...base,
      figure,
      status: "warn",
      detail: `no event is recorded after ${lastDay ?? "—"}: events of ${month}'s last days may still be on their way`,
    };
  if (lag > 0) return { ...base, figure, status: "warn", detail: "events are waiting in Event Hubs and may belong to this month" };
  return { ...base, figure, status: "pass", detail: `events reach past ${month}'s end` };
}

function frozenTotals({ lines, currency }: MonthLines): FrozenTotals {
  const units = new Map<string, bigint>();
  let unmapped = 0n;
  let corrections = 0n;
  for (const l of lines) {
    if (l.kind === "adjustment") corrections += l.cents;
    if (l.businessUnit === "") unmapped += l.cents;
    else units.set(l.businessUnit, (units.get(l.businessUnit) ?? 0n) + l.cents);
  }
  return {
    currency,
    total: formatCents(lines.reduce((a, l) => a + l.cents, 0n)),
    units: [...units].sort(([a], [b]) => a.localeCompare(b)).map(([businessUnit, cents]) => ({ businessUnit, cost: formatCents(cents) })),
    unmapped: formatCents(unmapped),
    corrections: formatCents(corrections),
  };
}
