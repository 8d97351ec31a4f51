import type { ReactNode } from "react";
import type { CostCenter } from "@/lib/org/costCenters";

type Props = {
  costCenters: readonly CostCenter[];
  /** The impact the server showed: sent back so the change books the corrections it previewed. */
  impactKey: string | undefined;
  target: { label: string; ariaLabel: string; value: string | undefined; hint?: ReactNode };
  from: { name: string; ariaLabel: string; value: string | undefined };
};

/** The fields assigning and moving an app share: the cost center it goes to (nothing chosen until the person chooses) and from which day. */
export function TargetFields({ costCenters, impactKey, target, from }: Props) {
  return (
    <>
      {impactKey && <input type="hidden" name="impactKey" value={impactKey} />}
      <label>
        {target.label}
        <select name="target" required aria-label={target.ariaLabel} defaultValue={target.value ?? ""}>
          <option value="" disabled>
            Choose…
          </option>
          {costCenters.map((c) => (
            <option key={`${c.costCenter}|${c.businessUnit}`} value={`${c.costCenter}|${c.businessUnit}`}>
              {c.costCenter} · {c.businessUnit}
            </option>
          ))}
        </select>
        {target.hint}
      </label>
      <label>
        From
        <input type="date" name={from.name} required defaultValue={from.value} aria-label={from.ariaLabel} />
      </label>
    </>
  );
}
