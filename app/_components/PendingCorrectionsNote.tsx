import type { PendingCorrections } from "@/lib/reports/getPendingCorrections";
import { formatMoney } from "@/lib/reports/formatMoney";

/** On a closed month: the corrections not booked yet, and the month they will land in. */
export function PendingCorrectionsNote({ month, pending, currency }: { month: string; pending: PendingCorrections; currency: string }) {
  return (
    <p className="note" data-testid="pending-corrections">
      Corrections pending against {month}: {formatMoney(pending.cost, currency)} on {pending.lines} {pending.lines === 1 ? "line" : "lines"} (late events,
      mapping or price changes since the close: <a href={`/corrections?month=${month}`}>see each and its cause</a>). The statement stays as frozen; they are
      booked in <a href={`/?month=${pending.landing}`}>{pending.landing}</a>.
    </p>
  );
}
