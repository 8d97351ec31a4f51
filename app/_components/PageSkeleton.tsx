/** What a slow page shows while its figures load: the shape of a report, announced to screen readers. */
export function PageSkeleton({ label = "Loading figures…" }: { label?: string }) {
  return (
    <div className="skeleton" role="status" aria-live="polite" data-testid="page-skeleton">
      <span className="visually-hidden">{label}</span>
      <div className="block title" aria-hidden="true" />
      <div className="block" aria-hidden="true" />
      <div className="block chart" aria-hidden="true" />
      <div className="block" aria-hidden="true" />
      <div className="block" aria-hidden="true" />
    </div>
  );
}
