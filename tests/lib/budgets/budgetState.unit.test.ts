import { describe, expect, it } from "vitest";
import { type BudgetSnapshot, budgetStateCache, budgetStateOf } from "../../../lib/budgets/budgetState";
import { itemAt } from "../../../lib/core/arrays";

const SNAPSHOT: BudgetSnapshot = {
  at: Date.parse("2026-11-20T12:00:00Z"),
  month: "2026-11",
  exhausted: [{ scope: "business-unit:Retail", amount: "100.00", actual: "100.40", currency: "USD" }],
  mappings: [
    { appId: "app-1", costCenter: "CC-1", businessUnit: "Retail", validFrom: "2026-01-01", validTo: null },
    { appId: "app-2", costCenter: "CC-2", businessUnit: "Marketing", validFrom: "2026-01-01", validTo: null },
    // Left Retail before today: Retail's budget no longer stops it.
    { appId: "app-3", costCenter: "CC-1", businessUnit: "Retail", validFrom: "2026-01-01", validTo: "2026-11-15" },
  ],
};

describe("the gateway's budget state", () => {
  it("refuses an app of a unit over its hard budget until the month ends, and lets others through", () => {
    const refused = budgetStateOf(SNAPSHOT, "app-1");
    expect(refused).toMatchObject({
      appId: "app-1",
      allowed: false,
      month: "2026-11",
      checkedAt: "2026-11-20T12:00:00.000Z",
      retryAfterSeconds: 10 * 86_400 + 12 * 3_600,
    });
    expect(refused.over).toEqual(SNAPSHOT.exhausted);
    expect(refused.message).toBe(
      "The 2026-11 budget of business-unit:Retail (USD 100.00) is used up (USD 100.40): calls are refused until 2026-12-01 or until finance raises it.",
    );
    for (const appId of ["app-2", "app-3", "unknown"])
      expect(budgetStateOf(SNAPSHOT, appId)).toMatchObject({ allowed: true, over: [], message: null, retryAfterSeconds: null });
  });

  it("matches an app's own and its cost center's budgets", () => {
    const snapshot = { ...SNAPSHOT, exhausted: [{ ...itemAt(SNAPSHOT.exhausted, 0), scope: "cost-center:CC-2" }] };
    expect(budgetStateOf(snapshot, "app-2").allowed).toBe(false);
    expect(budgetStateOf({ ...SNAPSHOT, exhausted: [{ ...itemAt(SNAPSHOT.exhausted, 0), scope: "app:app-2" }] }, "app-2").allowed).toBe(false);
    expect(budgetStateOf(snapshot, "app-1").allowed).toBe(true);
  });

  it("answers from memory, refreshing in the background once stale, and keeps the last good snapshot when a refresh fails", async () => {
    let clock = 0;
    let loads = 0;
    let fail = false;
    const cache = budgetStateCache(
      async () => {
        loads++;
        if (fail) throw new Error("store down");
        return { ...SNAPSHOT, at: loads };
      },
      60_000,
      () => clock,
    );
    expect((await cache.get()).at).toBe(1);
    clock = 59_999;
    expect((await cache.get()).at).toBe(1);
    expect(loads).toBe(1);
    clock = 60_000;
    // Stale: this answer is the old one, the refresh runs behind it.
    expect((await cache.get()).at).toBe(1);
    await new Promise((r) => setTimeout(r, 0));
    expect((await cache.get()).at).toBe(2);
    fail = true;
    clock = 200_000;
    expect((await cache.get()).at).toBe(2);
    await new Promise((r) => setTimeout(r, 0));
    expect((await cache.get()).at).toBe(2);
  });
});
