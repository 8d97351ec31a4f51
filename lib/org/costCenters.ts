import { UserError } from "../core/errors";
import type { OrgMapping } from "./orgMapping";

export type CostCenter = { costCenter: string; businessUnit: string };

/** Every cost center a mapping names, each with its business unit, by unit then cost center: what a target list offers. */
export function listCostCenters(mappings: readonly OrgMapping[]): CostCenter[] {
  const unique = new Map(mappings.map((m) => [`${m.costCenter}|${m.businessUnit}`, { costCenter: m.costCenter, businessUnit: m.businessUnit }]));
  return [...unique.values()].sort((a, b) => a.businessUnit.localeCompare(b.businessUnit) || a.costCenter.localeCompare(b.costCenter));
}

/** The value a target list submits for a cost center, and back: "costCenter|businessUnit". */
export const costCenterValue = (c: CostCenter) => `${c.costCenter}|${c.businessUnit}`;

/**
 * The cost center a form named, refused in words unless a mapping already names it in that unit:
 * a form only moves apps between cost centers that exist (new ones come with a CSV import).
 */
export function requireCostCenter(mappings: readonly OrgMapping[], value: string): CostCenter {
  const [costCenter = "", businessUnit = ""] = value.split("|");
  if (costCenter === "" || businessUnit === "") throw new UserError("Choose a cost center from the list.");
  const known = listCostCenters(mappings);
  if (known.some((c) => c.costCenter === costCenter && c.businessUnit === businessUnit)) return { costCenter, businessUnit };
  const elsewhere = known.find((c) => c.costCenter === costCenter);
  if (elsewhere) throw new UserError(`Cost center ${costCenter} belongs to ${elsewhere.businessUnit}, not ${businessUnit}. Choose it again from the list.`);
  throw new UserError(`There is no cost center ${costCenter} in ${businessUnit}. Choose one from the list, or add it with a CSV import.`);
}
