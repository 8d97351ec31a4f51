import type { UsageStore } from "../../lib/store/port";
import { importOrgMappings } from "../../lib/org/importOrgMappings";
import { importDeployments } from "../../lib/pricing/importDeployments";
import { importRetailPrices } from "../../lib/pricing/importRetailPrices";
import { ingestLines, v1Event } from "./ingest";
import { snapshotItems } from "./retailPrices";
import { freshStore } from "./store";

const DEPLOYMENTS = "deployment,model,region,sku\ngpt-4o,gpt-4o-2024-08-06,eastus2,GlobalStandard\n";
const ORG = "appId,costCenter,businessUnit,validFrom\napp-1,CC-1,Retail,2020-01-01\napp-2,CC-2,Marketing,2020-01-01\n";
export const NOV_5 = Date.UTC(2026, 10, 5);
export const DEC_5 = Date.UTC(2026, 11, 5);

/** n events of 1,000 prompt and 100 completion tokens on gpt-4o 2024-08-06: $0.0035 each. */
export const events = (appId: string, day: string, n: number, tag = "") =>
  Array.from({ length: n }, (_, i) => v1Event({ requestId: `${appId}-${day}-${tag}${i}`, appId, time: `${day}T12:00:00Z` }));

/** A priced store: Retail (app-1) and Marketing (app-2) with October usage and a little of November. */
export async function octoberAndNovember() {
  const { store } = freshStore();
  return seedOctoberAndNovember(store);
}

/** Fills a fresh store as `octoberAndNovember` does, for a test that also needs its file. */
export async function seedOctoberAndNovember<S extends UsageStore>(store: S): Promise<S> {
  await importRetailPrices(store, snapshotItems());
  await importDeployments(store, DEPLOYMENTS, "deployments.csv");
  await importOrgMappings(store, ORG, "org.csv");
  await ingestLines(store, [...events("app-1", "2026-10-10", 1000), ...events("app-2", "2026-10-11", 200), ...events("app-1", "2026-11-02", 100)]);
  return store;
}
