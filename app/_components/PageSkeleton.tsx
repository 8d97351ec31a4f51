/**
 * What a slow page shows while its figures load: the shape of a report, announced to screen readers
 * and marked busy. A page streams it from a Suspense boundary placed after its own access and 404
 * checks (a loading.tsx would send the 200 before them); its colours are the theme's (--skeleton).
 */
export function PageSkeleton({ label = "Loading figures…" }: { label?: string }) {
  return (
    <div className="skeleton" role="status" aria-live="polite" aria-busy="true" data-testid="page-skeleton">
      <span className="visually-hidden">{label}</span>
      <div className="block title" aria-hidden="true" />
      <div className="block" aria-hidden="true" />
      <div className="block chart" aria-hidden="true" />
      <div className="block" aria-hidden="true" />
      <div className="block" aria-hidden="true" />
    </div>
  );
}
