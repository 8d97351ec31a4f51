/** Previous / next links of a table paged on the server, keeping the rest of the address. */
export function Pager({ label, page, pages, href }: { label: string; page: number; pages: number; href: (page: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={`${label} pages`} className="downloads">
      {page > 1 ? <a href={href(page - 1)}>Previous</a> : <span aria-disabled="true">Previous</span>} · page {page} of {pages} ·{" "}
      {page < pages ? <a href={href(page + 1)}>Next</a> : <span aria-disabled="true">Next</span>}
    </nav>
  );
}

/** A page number from the address, within 1..pages. */
export const pageParam = (value: string | undefined, pages: number) => Math.min(Math.max(1, Math.floor(Number(value)) || 1), Math.max(1, pages));
