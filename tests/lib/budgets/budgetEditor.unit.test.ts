import { describe, expect, it } from "vitest";
import type { Budget } from "../../../lib/budgets/budget";
import { refusedBudgetChanges, visibleBudgets } from "../../../lib/budgets/budgetEditor";
import type { OrgMapping } from "../../../lib/org/orgMapping";

const MAPPINGS: OrgMapping[] = [
  { appId: "app-1", costCenter: "CC-1", businessUnit: "Retail", validFrom: "2026-01-01", validTo: null },
  { appId: "app-2", costCenter: "CC-2", businessUnit: "Marketing", validFrom: "2026-01-01", validTo: null },
  // Moves to Retail in December: before then it is not Retail's to budget.
  { appId: "app-3", costCenter: "CC-3", businessUnit: "Marketing", validFrom: "2026-01-01", validTo: "2026-12-01" },
  { appId: "app-3", costCenter: "CC-1", businessUnit: "Retail", validFrom: "2026-12-01", validTo: null },
];
const budget = (scope: string, amount: string, extra: Partial<Budget> = {}): Budget => ({
  scope,
  amount,
  currency: "USD",
  thresholds: [{ percent: 80, basis: "actual" }],
  notify: [],
  hard: false,
  validFrom: "2026-11-01",
  validTo: null,
  ...extra,
});
const OWNER = { roles: [], ownedUnits: ["Retail"] };
const STORED = [budget("business-unit:Retail", "5000", { hard: true })];

describe("who may set which budget", () => {
  it("lets finance and admins set any budget, even raise a unit's", () => {
    for (const roles of [["finance"], ["admin"]] as const)
      expect(
        refusedBudgetChanges({ roles, ownedUnits: [] }, STORED, [budget("business-unit:Retail", "9000"), budget("tag:project=apollo", "1")], MAPPINGS),
      ).toEqual([]);
  });

  it("lets an owner budget their unit's apps and cost centers and lower the unit's own budget", () => {
    const changes = [budget("app:app-1", "100"), budget("cost-center:CC-1", "900"), budget("business-unit:Retail", "4000", { hard: true })];
    expect(refusedBudgetChanges(OWNER, STORED, changes, MAPPINGS)).toEqual([]);
    expect(refusedBudgetChanges(OWNER, STORED, [budget("app:app-3", "10", { validFrom: "2026-12-01" })], MAPPINGS)).toEqual([]);
  });

  it("refuses an owner another unit's scopes, tags, and raising, creating or loosening their unit's own budget", () => {
    expect(
      refusedBudgetChanges(
        OWNER,
        STORED,
        [
          budget("app:app-2", "1"),
          budget("app:app-3", "1"),
          budget("tag:project=apollo", "1"),
          budget("business-unit:Marketing", "1"),
          budget("business-unit:Retail", "5000.01", { hard: true }),
          budget("business-unit:Retail", "10"),
        ],
        MAPPINGS,
      ),
    ).toEqual([
      "app:app-2: not in a business unit you own on 2026-11-01",
      "app:app-3: not in a business unit you own on 2026-11-01",
      "tag:project=apollo: only finance and admins set tag budgets (a tag's usage can be any unit's)",
      "business-unit:Marketing: not in a business unit you own on 2026-11-01",
      "business-unit:Retail: you may not raise your own unit's budget (5000 to 5000.01); ask finance",
      "business-unit:Retail: you may not lift your own unit's hard limit; ask finance",
    ]);
    expect(refusedBudgetChanges(OWNER, [], [budget("business-unit:Retail", "1")], MAPPINGS)).toEqual([
      "business-unit:Retail: only finance sets your own unit's budget; you may lower it once set",
    ]);
  });

  it("shows an owner only their units' budgets", () => {
    const all = [...STORED, budget("app:app-2", "1"), budget("app:app-1", "1"), budget("tag:project=apollo", "1")];
    expect(visibleBudgets(OWNER, all, MAPPINGS).map((b) => b.scope)).toEqual(["business-unit:Retail", "app:app-1"]);
    expect(visibleBudgets({ roles: ["finance"], ownedUnits: [] }, all, MAPPINGS)).toHaveLength(4);
  });
});
