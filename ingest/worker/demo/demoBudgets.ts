import { importBudgets, OPERATOR } from "../../../lib/budgets/importBudgets";
import { monthOf } from "../../../lib/core/clock";
import { formatCents, parseCents } from "../../../lib/core/money";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { reportCurrency } from "../../../lib/pricing/loadPricer";
import { getChargebackReport } from "../../../lib/reports/getChargebackReport";
import type { UsageStore } from "../../../lib/store/port";

/** A budget this month's cost so far is `percent` % of (whole cents, rounded up so it stays under). */
const budgetAt = (cost: string, percent: bigint) => formatCents((parseCents(cost) * 100n + percent - 1n) / percent || 100n);

/**
 * A few budgets sized on the demo's own cost this month, so the page always has something to say:
 * Stores past 80 % (its forecast well past 100 %), Engineering past 50 %, Finance with room to
 * spare, an app of Customer Care with a hard limit, and a tag budget. Returns the CSV imported.
 */
export async function loadDemoBudgets(store: UsageStore, now: number, from: string): Promise<string> {
  const report = await getChargebackReport(new LedgerReader(store), monthOf(now), "business-unit");
  const cost = (unit: string) => report.rows.find((r) => r.key === unit)?.cost ?? "0.00";
  const careApp = (await store.listOrgMappings()).find((m) => m.businessUnit === "Customer Care")?.appId;
  const rows = [
    "scope,amount,validFrom,validTo,currency,thresholds,notify,hard",
    `business-unit:Stores,${budgetAt(cost("Stores"), 85n)},${from},,,,finops@example.com;webhook:finops,false`,
    `business-unit:Engineering,${budgetAt(cost("Engineering"), 60n)},${from},,,,finops@example.com,false`,
    `business-unit:Finance,${budgetAt(cost("Finance"), 10n)},${from},,,50;80;100,,false`,
    ...(careApp ? [`app:${careApp},${budgetAt(cost("Customer Care"), 20n)},${from},,,,,true`] : []),
    `tag:project=apollo,10000,${from},,,80;100;forecast:100,,false`,
  ];
  const csv = `${rows.join("\n")}\n`;
  await importBudgets(store, csv, "budgets.csv", reportCurrency(), OPERATOR, { actor: "demo", action: "budgets.import", reason: "demo data" });
  return csv;
}
