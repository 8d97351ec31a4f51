import { describe, expect, it } from "vitest";
import { readBudgets } from "../../../lib/budgets/budgetsCsv";
import { BudgetRefused, changeBudgets } from "../../../lib/budgets/changeBudgets";
import { octoberAndNovember } from "../../support/twoMonths";

const AUDIT = { actor: "t", action: "budgets.save", reason: "t" };
const FINANCE = { roles: ["finance" as const], ownedUnits: [] };
const OWNER = { roles: [], ownedUnits: ["Retail"] };
const budget = (csvRow: string) => readBudgets(`scope,amount,validFrom,validTo\n${csvRow}\n`, "form", "USD");

describe("changing a budget from a month on", () => {
  it("ends the version in effect then where the new one starts, on the owner's rules, audited", async () => {
    const store = await octoberAndNovember();
    await changeBudgets(store, budget("business-unit:Retail,100,2026-10-01,"), FINANCE, AUDIT);
    // Without superseding, a new version from November overlaps the open one.
    await expect(changeBudgets(store, budget("business-unit:Retail,90,2026-11-01,"), OWNER, AUDIT)).rejects.toThrow("overlaps");
    await expect(changeBudgets(store, budget("business-unit:Retail,110,2026-11-01,"), OWNER, AUDIT, { supersede: true })).rejects.toThrow(BudgetRefused);
    expect(await changeBudgets(store, budget("business-unit:Retail,90,2026-11-01,"), OWNER, AUDIT, { supersede: true })).toEqual({
      added: 1,
      changed: 1,
      unchanged: 0,
    });
    expect((await store.listBudgets()).map((b) => [b.amount, b.validFrom, b.validTo])).toEqual([
      ["100", "2026-10-01", "2026-11-01"],
      ["90", "2026-11-01", null],
    ]);
    expect((await store.listAudit(2)).map((e) => e.subject)).toEqual(["budget business-unit:Retail", "budget business-unit:Retail"]);
  });
});
