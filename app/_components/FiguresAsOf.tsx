/** When the materialized figures a page shows were built: they are built again whenever usage, prices, mappings or rules change. */
export function FiguresAsOf({ at }: { at: number | undefined }) {
  if (at === undefined) return null;
  const iso = new Date(at).toISOString();
  return (
    <p className="note" data-testid="figures-as-of">
      Figures as of {iso.slice(0, 10)} {iso.slice(11, 19)} UTC, with every event, price, mapping and split rule stored by then.
    </p>
  );
}
