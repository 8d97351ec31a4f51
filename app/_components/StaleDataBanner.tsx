import { type DataFreshness, getDataFreshness } from "@/lib/health/getDataFreshness";
import { getSharedStore } from "@/lib/store";

// Every report page asks: one look at the store per half minute serves them all (the thresholds
// are in minutes). A duration, so real time (lib/core/clock.ts).
const FRESH_FOR_MS = 30_000;
let cached: { until: number; value: Promise<DataFreshness> } | undefined;
function freshness(): Promise<DataFreshness> {
  if (!cached || cached.until <= Date.now()) {
    const value = getDataFreshness(getSharedStore());
    cached = { until: Date.now() + FRESH_FOR_MS, value };
    value.catch(() => (cached = undefined));
  }
  return cached.value;
}

/** The pages whose figures the banner qualifies (and the pages under them). */
const REPORT_PATHS = ["/business-units", "/apps", "/models", "/budgets", "/anomalies", "/corrections", "/reconciliation"];
export const isReportPath = (path: string) => path === "/" || REPORT_PATHS.some((p) => path === p || path.startsWith(`${p}/`));

/**
 * Says when report figures cannot be trusted to be current: no event for longer than the status
 * page's red threshold, or today's figures still partial. Placed once by the layout; renders
 * nothing when all is well.
 */
export async function StaleDataBanner({ healthLink }: { healthLink: boolean }) {
  const { stale, partial } = await freshness();
  if (!stale && partial.length === 0) return null;
  return (
    <section className="banner" aria-label="Data freshness" data-testid="stale-banner">
      {stale && (
        <p>
          <strong>Data may be stale:</strong> {stale}; figures stop there.
        </p>
      )}
      {partial.length > 0 && (
        <p>
          <strong>Today&apos;s figures are partial:</strong> {partial.join("; ")}.
        </p>
      )}
      {healthLink && (
        <p>
          <a href="/admin/health">See pipeline health</a>
        </p>
      )}
    </section>
  );
}
