import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../../lib/ledger/catalog";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { importOrgMappings } from "../../../lib/org/importOrgMappings";
import { getChargebackReport } from "../../../lib/reports/getChargebackReport";
import { closeMonth } from "../../../lib/statements/closeMonth";
import { SqliteStore } from "../../../lib/store/sqlite/sqliteStore";
import { counted } from "../../support/countedStore";
import { freshStore } from "../../support/store";
import { NOV_5, seedOctoberAndNovember } from "../../support/twoMonths";

/** The web server's store and a second connection to the same file: what the worker or the CLI changes the catalog through. */
async function webAndWorker() {
  const { store: web, file } = freshStore();
  await seedOctoberAndNovember(web);
  const worker = SqliteStore.open(file);
  return { web, worker, close: () => worker.close() };
}

const units = async (reader: LedgerReader) => (await getChargebackReport(reader, "2026-10", "business-unit")).rows.map((r) => r.key).sort();

describe("the process's catalog cache", () => {
  it("serves the same catalog to each request until another connection changes a mapping, an app or a close, then the changed one", async () => {
    const { web, worker, close } = await webAndWorker();
    try {
      const first = await new LedgerReader(web).catalog();
      expect(await new LedgerReader(web).catalog()).toBe(first);

      // Another process moves app-2: the next request's catalog and report have it, as a fresh load does.
      await importOrgMappings(worker, "appId,costCenter,businessUnit,validFrom\napp-2,CC-7,Legal,2020-01-01\n", "org.csv");
      const reader = new LedgerReader(web);
      const moved = await reader.catalog();
      expect(moved).not.toBe(first);
      expect(moved.mappings).toEqual((await loadCatalog(web)).mappings);
      expect(moved.mappings.find((m) => m.appId === "app-2")?.businessUnit).toBe("Legal");
      expect(await units(reader)).toEqual(["Legal", "Retail"]);

      await worker.saveApps([{ appId: "app-1", displayName: "Checkout" }]);
      const named = await new LedgerReader(web).catalog();
      expect(named.apps).toEqual([{ appId: "app-1", displayName: "Checkout" }]);

      await closeMonth(worker, "2026-10", "Finance analyst", NOV_5);
      const closed = await new LedgerReader(web).catalog();
      expect(closed.closedMonths.map((c) => c.month)).toEqual(["2026-10"]);
      // Each month's digest is the fresh catalog's.
      const fresh = await loadCatalog(web);
      for (const month of ["2026-10", "2026-11"]) expect(closed.digestOf?.(month)).toBe(fresh.digestOf?.(month));
    } finally {
      await close();
    }
  });

  it("reads the store's versions, not the lists, on a request whose catalog is cached", async () => {
    const { web, worker, close } = await webAndWorker();
    try {
      const { store, calls, named } = counted(web);
      await new LedgerReader(store).catalog();
      calls.clear();
      await worker.listApps(); // the other connection's reads move nothing
      await new LedgerReader(store).catalog();
      expect(named("getCatalogVersion")).toHaveLength(1);
      for (const list of ["listClosedMonths", "listOrgMappings", "listSplitRules", "listMarkups", "listApps", "listDiscounts"]) expect(named(list)).toEqual([]);
    } finally {
      await close();
    }
  });
});
