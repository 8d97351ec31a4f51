import { monthDays } from "../../lib/reports/month";

export function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

/** Links to the previous and next month of the same view. */
export function MonthNav({ month, path = "/" }: { month: string; path?: string }) {
  const next = monthDays(month).to.slice(0, 7);
  return (
    <nav className="months" aria-label="Month">
      <a href={`${path}?month=${previousMonth(month)}`}>← {previousMonth(month)}</a>
      <a href={`${path}?month=${next}`}>{next} →</a>
    </nav>
  );
}
