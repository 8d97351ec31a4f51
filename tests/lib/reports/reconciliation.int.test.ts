import { describe, expect, it } from "vitest";
import { demoHistory } from "../../../ingest/worker/demo/demoEvents";
import { demoOrganisation } from "../../../ingest/worker/demo/demoOrganisation";
import { seededRandom } from "../../../ingest/worker/demo/random";
import { parseEventLine } from "../../../lib/events/parseEventLine";
import { utcDay } from "../../../lib/events/parseEventTime";
import { importOrgMappings } from "../../../lib/org/importOrgMappings";
import { OrgDirectory } from "../../../lib/org/orgMapping";
import { importDeployments } from "../../../lib/pricing/importDeployments";
import { importReservations } from "../../../lib/pricing/importReservations";
import { importRetailPrices } from "../../../lib/pricing/importRetailPrices";
import { loadPricer } from "../../../lib/pricing/loadPricer";
import { attoToCents } from "../../../lib/core/money";
import { getChargebackReport, REPORT_DIMENSIONS } from "../../../lib/reports/getChargebackReport";
import { onlyUnits } from "../../../lib/reports/reportScope";
import { ingestLines } from "../../support/ingest";
import { snapshotItems } from "../../support/retailPrices";
import { freshStore } from "../../support/store";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";

const cents = (amount: string) => BigInt(amount.replace(".", ""));
const ONE_CENT = 10n ** 16n;

describe("reconciliation", () => {
  it("rows plus unmapped equal the total, and the total equals every event priced on its own", async () => {
    const { store } = freshStore();
    const { apps, orgCsv, deploymentsCsv } = demoOrganisation(Date.UTC(2026, 10, 15));
    await importRetailPrices(store, snapshotItems());
    await importDeployments(store, deploymentsCsv, "deployments.csv");
    await importOrgMappings(store, orgCsv, "org.csv");
    // The demo's provisioned deployment at no cost: pay-as-you-go usage is what this reconciles
    // (provisioned.int.test.ts reconciles reservations).
    await importReservations(store, "deployment,units,price,per,validFrom\ngpt-41-ptu,1,0,hour,2020-01-01\n", "ptu.csv");
    // Two whole months, whatever today is; the demo moves an app between cost centers on 1 November.
    const from = Date.UTC(2026, 9, 1);
    const to = Date.UTC(2026, 11, 1);
    const lines = [...demoHistory(seededRandom(99), apps, from, to, 120)];
    const summary = await ingestLines(store, lines);
    expect(summary.accepted + summary.quarantined).toBe(lines.length);

    // The expected figures, event by event, straight from the raw lines.
    const pricer = await loadPricer(store);
    const org = new OrgDirectory(await store.listOrgMappings());
    const expected = new Map<string, { total: bigint; byUnit: Map<string, bigint>; unmapped: bigint }>();
    for (const line of lines) {
      const parsed = parseEventLine(line);
      if (!parsed.ok) continue;
      const day = utcDay(parsed.event.time);
      const priced = pricer.price({ ...parsed.event, day });
      expect(priced.priced).toBe(true);
      const atto = priced.priced ? priced.atto : 0n;
      const month = day.slice(0, 7);
      const m = expected.get(month) ?? { total: 0n, byUnit: new Map(), unmapped: 0n };
      expected.set(month, m);
      m.total += atto;
      const unit = org.on(parsed.event.appId, day)?.businessUnit;
      if (unit) m.byUnit.set(unit, (m.byUnit.get(unit) ?? 0n) + atto);
      else m.unmapped += atto;
    }
    expect(expected.size).toBe(2);

    for (const [month, m] of expected) {
      for (const by of REPORT_DIMENSIONS) {
        const report = await getChargebackReport(new LedgerReader(store), month, by);
        const rowCents = report.rows.reduce((sum, r) => sum + cents(r.cost), 0n);
        expect(rowCents + cents(report.unmapped.cost), `${month} by ${by}`).toBe(cents(report.total));
        expect(cents(report.total), `${month} by ${by}`).toBe(attoToCents(m.total));
        expect(report.unmapped.apps.reduce((sum, a) => sum + cents(a.cost), 0n)).toBe(cents(report.unmapped.cost));
      }
      const byUnit = await getChargebackReport(new LedgerReader(store), month, "business-unit");
      expect(byUnit.rows.map((r) => r.key).sort()).toEqual([...m.byUnit.keys()].sort());
      for (const row of byUnit.rows) {
        const diff = cents(row.cost) * ONE_CENT - m.byUnit.get(row.key)!;
        expect(diff > -ONE_CENT && diff < ONE_CENT, `${row.key} ${row.cost}`).toBe(true);
      }
      const unmappedDiff = cents(byUnit.unmapped.cost) * ONE_CENT - m.unmapped;
      expect(m.unmapped > 0n && unmappedDiff > -ONE_CENT && unmappedDiff < ONE_CENT).toBe(true);
      expect(byUnit.unmapped.apps).toHaveLength(3);

      // A unit owner's view of their unit, in any breakdown, is to the cent finance's line for it.
      for (const row of byUnit.rows) {
        for (const by of REPORT_DIMENSIONS) {
          const scoped = await getChargebackReport(new LedgerReader(store), month, by, onlyUnits([row.key]));
          expect(scoped.total, `${row.key} by ${by}`).toBe(row.cost);
          expect(
            scoped.rows.reduce((sum, r) => sum + cents(r.cost), 0n),
            `${row.key} by ${by}`,
          ).toBe(cents(row.cost));
          expect(scoped.unmapped).toEqual({ cost: "0.00", requests: 0, unallocated: "0.00", apps: [] });
        }
      }
      const twoUnits = byUnit.rows.slice(0, 2);
      const scoped = await getChargebackReport(new LedgerReader(store), month, "business-unit", onlyUnits(twoUnits.map((r) => r.key)));
      expect(scoped.rows.map((r) => r.cost)).toEqual(twoUnits.map((r) => r.cost));
    }
  });
});
