import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { importSplitRules } from "../../../lib/allocation/splitRulesCsv";
import { refreshMonthFigures } from "../../../lib/budgets/refreshBudgetFigures";
import { importMarkups } from "../../../lib/statements/importMarkups";
import { ingestLines, v1Event } from "../../support/ingest";
import { events, seedOctoberAndNovember } from "../../support/twoMonths";
import { freshStore } from "../../support/store";

// November is the month in progress: its comparison basis is October's days 1 to 5.
beforeAll(() => void vi.stubEnv("CHARGEBACK_NOW", "2026-11-05T12:00:00Z"));
afterAll(() => void vi.unstubAllEnvs());

const RULES = [
  "rule,method,costCenter,businessUnit,validFrom,validTo,appId,amount,basis,percent,tagValue",
  "app-2-split,fixed,CC-1,Retail,2026-10-01,,app-2,,,60,",
  "app-2-split,fixed,CC-2,Marketing,2026-10-01,,app-2,,,40,",
  "tagged,share,CC-1,Retail,2026-10-01,,app-1,,tag:team,,search",
  "tagged,share,CC-2,Marketing,2026-10-01,,app-1,,tag:team,,chat",
].join("\n");
const MARKUPS = "businessUnit,kind,amount,validFrom,currency,costCenter\n*,percent,5,2026-10-01,,\n";

/**
 * October and November for two units, some of October on the days November is compared with:
 * app-2 split by a fixed rule, app-1 by its tags, a markup on all.
 */
async function seeded() {
  const { store, file } = freshStore();
  await seedOctoberAndNovember(store);
  await importSplitRules(store, RULES, "splits.csv");
  await importMarkups(store, MARKUPS, "markups.csv");
  const tagged = (day: string, team: string, n: number) =>
    Array.from({ length: n }, (_, i) => v1Event({ requestId: `tagged-${day}-${team}-${i}`, appId: "app-1", time: `${day}T09:00:00Z`, tags: { team } }));
  await ingestLines(store, [
    ...tagged("2026-10-02", "search", 30),
    ...tagged("2026-10-04", "chat", 10),
    ...tagged("2026-11-03", "chat", 5),
    ...events("app-2", "2026-10-03", 20, "early"),
    ...events("app-2", "2026-11-03", 10),
  ]);
  return { store, file };
}

/** Every stored part of the store's months, by month and name (when it was built left out). */
function storedParts(file: string): Map<string, string> {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare("SELECT month, part, body FROM LedgerPart").all() as { month: string; part: string; body: string }[];
    return new Map(rows.map((r) => [`${r.month} ${r.part}`, r.body]));
  } finally {
    db.close();
  }
}

describe("a rebuild of several months", () => {
  it("stores the same parts whichever month is built first: the open month's basis from the month before's ledger, or from its own", async () => {
    const together = await seeded();
    await refreshMonthFigures(together.store, ["2026-10", "2026-11"]);
    const apart = await seeded();
    await refreshMonthFigures(apart.store, ["2026-11"]);
    await refreshMonthFigures(apart.store, ["2026-10"]);

    const built = storedParts(together.file);
    // October's same days were built in October's own pass, and November is compared with them.
    expect(built.get("2026-10 sameDays")).toContain("app-2");
    expect(built.get("2026-11 report:business-unit:basis")).toMatch(/Retail.*Marketing|Marketing.*Retail/);
    expect([...built.keys()].sort()).toEqual([...storedParts(apart.file).keys()].sort());
    expect(built).toEqual(storedParts(apart.file));
  });
});
