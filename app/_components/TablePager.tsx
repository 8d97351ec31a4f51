import { formatCount } from "@/lib/reports/formatMoney";
import type { RowPage } from "@/lib/reports/pageRows";

/** Previous / next links under a paged table (links, so they work without script). */
export function TablePager({ shown, label, href, testId }: { shown: RowPage<unknown>; label: string; href: (page: number) => string; testId: string }) {
  if (shown.pages <= 1) return null;
  return (
    <nav className="pager" aria-label={label} data-testid={testId}>
      {shown.page > 1 && <a href={href(shown.page - 1)}>← Previous</a>}
      <span>
        Page {shown.page} of {shown.pages} ({formatCount(shown.matched)} rows)
      </span>
      {shown.page < shown.pages && <a href={href(shown.page + 1)}>Next →</a>}
    </nav>
  );
}
