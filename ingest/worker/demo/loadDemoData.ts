import { now as clockNow } from "../../../lib/core/clock";
import fs from "node:fs";
import path from "node:path";
import { emptySummary, type IngestSummary } from "../../../lib/events/processUsageBatch";
import { importBusinessUnitOwners } from "../../../lib/org/importBusinessUnitOwners";
import { importOrgMappings } from "../../../lib/org/importOrgMappings";
import { importDeployments } from "../../../lib/pricing/importDeployments";
import { importReservations } from "../../../lib/pricing/importReservations";
import { importRetailPrices, parseRetailPricePage } from "../../../lib/pricing/importRetailPrices";
import { importMarkups } from "../../../lib/statements/importMarkups";
import type { UsageStore } from "../../../lib/store/port";
import { ingestNdjson } from "../ingestNdjson";
import { demoBilledKinds } from "./demoBilledKinds";
import { loadDemoBudgets } from "./demoBudgets";
import { demoFailures, demoHistory } from "./demoEvents";
import { demoOrganisation } from "./demoOrganisation";
import { seededRandom } from "./random";

const PRICES = path.join(__dirname, "retail-prices");
export const DEMO_MONTHS = 3;

/**
 * Loads the demo organisation and three months of usage through the same importers and ingest
 * pipeline that real data takes. The files it feeds in are kept in `dir` to look at.
 */
export async function loadDemoData(store: UsageStore, dir: string, now = clockNow(), perDay = 1500): Promise<IngestSummary> {
  fs.mkdirSync(dir, { recursive: true });
  const files = fs
    .readdirSync(PRICES)
    .filter((f) => f.endsWith(".json"))
    .map((f) => path.join(PRICES, f));
  await importRetailPrices(
    store,
    files.flatMap((f) => parseRetailPricePage(fs.readFileSync(f, "utf8"), f)),
  );

  const { apps, orgCsv, deploymentsCsv, ownersCsv } = demoOrganisation(now);
  const write = (name: string, text: string) => (fs.writeFileSync(path.join(dir, name), text), text);
  await importDeployments(store, write("deployments.csv", deploymentsCsv), "deployments.csv");
  await importOrgMappings(store, write("org.csv", orgCsv), "org.csv");
  await importBusinessUnitOwners(store, write("owners.csv", ownersCsv), "owners.csv");
  await store.saveApps(apps.map(({ appId, displayName }) => ({ appId, displayName })));

  const start = new Date(now);
  const from = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - (DEMO_MONTHS - 1), 1);
  // A small reservation, so the demo shows provisioned capacity shared among the apps that use it.
  const reservations = `deployment,units,price,per,validFrom,idle\ngpt-41-ptu,1,0.1,hour,${new Date(from).toISOString().slice(0, 10)},share\n`;
  await importReservations(store, write("reservations.csv", reservations), "reservations.csv");
  // The platform team recovers its own cost: a markup line on every unit's statement.
  const markups = `businessUnit,kind,amount,validFrom,label\n*,percent,2,${new Date(from).toISOString().slice(0, 10)},Platform team cost recovery\n`;
  await importMarkups(store, write("markups.csv", markups), "markups.csv");
  const lines = [
    ...demoHistory(seededRandom(7), apps, from, now, perDay),
    ...demoFailures(seededRandom(11), apps, from, now, perDay / 100),
    ...demoBilledKinds(seededRandom(13), apps, from, now, perDay / 50),
  ];
  if (lines.length === 0) return emptySummary();
  write("events.ndjson", `${lines.join("\n")}\n`);
  const summary = await ingestNdjson(store, fs.createReadStream(path.join(dir, "events.ndjson")), path.join(dir, "events.ndjson"));
  write("budgets.csv", await loadDemoBudgets(store, now, new Date(from).toISOString().slice(0, 10)));
  return summary;
}
