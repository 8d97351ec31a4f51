import { STATUS_WORD, type Status } from "@/lib/health/thresholds";

const SYMBOL: Record<Status, string> = { green: "✓", amber: "!", red: "✕" };

/** A status in words and a symbol as well as colour, so no one needs to tell green from red. */
export function StatusBadge({ status }: { status: Status }) {
  return (
    <span className={`badge ${status}`} data-status={status}>
      <span aria-hidden="true">{SYMBOL[status]} </span>
      {STATUS_WORD[status]}
    </span>
  );
}
