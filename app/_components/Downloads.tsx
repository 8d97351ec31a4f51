import { previousMonth } from "@/lib/core/months";

/** CSV downloads of the view on screen: this month, the twelve months to it, and FOCUS for FinOps tools. */
export function Downloads({ month, businessUnit, by = "business-unit" }: { month: string; businessUnit?: string; by?: string }) {
  const unit = businessUnit ? `&businessUnit=${encodeURIComponent(businessUnit)}` : "";
  let yearStart = month;
  for (let i = 0; i < 11; i++) yearStart = previousMonth(yearStart);
  return (
    <p className="downloads">
      Download CSV:{" "}
      <a href={`/api/v1/exports/chargeback?from=${month}&by=${by}${unit}`} download>
        {month}
      </a>{" "}
      ·{" "}
      <a href={`/api/v1/exports/chargeback?from=${yearStart}&to=${month}&by=${by}${unit}`} download>
        12 months to {month}
      </a>{" "}
      ·{" "}
      <a href={`/api/v1/exports/focus?from=${month}${unit}`} download>
        FOCUS 1.2 for {month}
      </a>
    </p>
  );
}
