import { nextMonth, previousMonth } from "@/lib/core/months";

/** The previous and next month of the same view, and a picker for any other. */
export function MonthNav({ month, path = "/" }: { month: string; path?: string }) {
  const next = nextMonth(month);
  return (
    <nav className="months" aria-label="Month">
      <a href={`${path}?month=${previousMonth(month)}`}>← {previousMonth(month)}</a>
      <form method="get" action={path} className="picker">
        <label>
          <span className="visually-hidden">Pick a month</span>
          <input type="month" name="month" defaultValue={month} required />
        </label>
        <button type="submit">Show</button>
      </form>
      <a href={`${path}?month=${next}`}>{next} →</a>
    </nav>
  );
}
