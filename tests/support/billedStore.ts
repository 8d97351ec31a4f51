// Apart from invoiceScenario.ts, which the browser tests import: this one needs vitest's store.
import { importInvoiceFile } from "../../lib/invoice/importInvoiceFile";
import { importOrgMappings } from "../../lib/org/importOrgMappings";
import type { UsageStore } from "../../lib/store/port";
import { loadScenarioUsage, writeExports } from "./invoiceScenario";
import { freshStore } from "./store";

/** The two apps of the scenario, each in its own unit. */
export const SCENARIO_ORG = "appId,costCenter,businessUnit,validFrom\napp-1,CC-1,Retail,2020-01-01\napp-2,CC-2,Marketing,2020-01-01\n";

/** A fresh store with the scenario's usage, the two apps mapped, and November's invoice imported in both export formats. */
export async function billedStore(): Promise<UsageStore> {
  const { store, dir } = freshStore();
  await loadScenarioUsage(store);
  await importOrgMappings(store, SCENARIO_ORG, "org.csv");
  const files = writeExports(dir);
  await importInvoiceFile(store, files.focus);
  await importInvoiceFile(store, files.classic);
  return store;
}
