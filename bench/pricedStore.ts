import fs from "node:fs";
import path from "node:path";
import { demoOrganisation } from "../ingest/worker/demo/demoOrganisation";
import { importOrgMappings } from "../lib/org/importOrgMappings";
import { importDeployments } from "../lib/pricing/importDeployments";
import { importRetailPrices, parseRetailPricePage } from "../lib/pricing/importRetailPrices";
import { SqliteStore } from "../lib/store/sqlite/sqliteStore";

export const root = path.resolve(__dirname, "..");
export const out = path.join(root, "bench", "out");

/** A new store file with the demo prices and deployments (and, when asked, the demo org mappings). */
export async function pricedStore(name: string, { withOrg = false } = {}): Promise<string> {
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, name);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  const store = SqliteStore.open(file);
  const prices = path.join(root, "ingest", "worker", "demo", "retail-prices");
  const files = fs.readdirSync(prices).map((f) => path.join(prices, f));
  await importRetailPrices(
    store,
    files.flatMap((f) => parseRetailPricePage(fs.readFileSync(f, "utf8"), f)),
  );
  const org = demoOrganisation();
  await importDeployments(store, org.deploymentsCsv, "deployments.csv");
  if (withOrg) await importOrgMappings(store, org.orgCsv, "org.csv");
  await store.close();
  return file;
}
