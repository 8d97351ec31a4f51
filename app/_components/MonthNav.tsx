import { monthDays } from "../../lib/reports/month";

function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

export function MonthNav({ month }: { month: string }) {
  const next = monthDays(month).to.slice(0, 7);
  return (
    <nav className="months" aria-label="Month">
      <a href={`/?month=${previousMonth(month)}`}>← {previousMonth(month)}</a>
      <a href={`/?month=${next}`}>{next} →</a>
    </nav>
  );
}
