import { currentMonth } from "@/lib/core/clock";
import { nextMonth, previousMonth } from "@/lib/core/months";
import { pageHref } from "./pageHref";

/** The previous and next month of the same view (none past the current month), and a picker for any other; `keep` holds the page's filters. */
export function MonthNav({ month, path = "/", keep = [] }: { month: string; path?: string; keep?: readonly [string, string][] }) {
  const next = nextMonth(month);
  const at = (m: string) => pageHref(path, [["month", m], ...keep]);
  return (
    <nav className="months" aria-label="Month">
      <a href={at(previousMonth(month))}>← {previousMonth(month)}</a>
      <form method="get" action={path} className="picker">
        {keep.map(([name, value]) => (
          <input key={`${name}=${value}`} type="hidden" name={name} value={value} />
        ))}
        <label>
          <span className="visually-hidden">Pick a month</span>
          <input type="month" name="month" defaultValue={month} max={currentMonth()} required />
        </label>
        <button type="submit">Show</button>
      </form>
      {next <= currentMonth() && <a href={at(next)}>{next} →</a>}
    </nav>
  );
}
