// npm run bench:report [-- N]: server time of the month report with N events in the month
// (default 10 million), beside the raw limit measured in the same run: reading the month's
// rollups and nothing else. Reports read rollups only, so the events are generated, validated
// with the real parser and summed into rollups by the real rollup writer; their facts are not
// written, as no report reads them.
import Database from "better-sqlite3";
import { demoHistory } from "../ingest/worker/demo/demoEvents";
import { demoOrganisation } from "../ingest/worker/demo/demoOrganisation";
import { seededRandom } from "../ingest/worker/demo/random";
import { parseEventLine } from "../lib/events/parseEventLine";
import { getChargebackReport, reportFromLines } from "../lib/reports/getChargebackReport";
import { getMonthView } from "../lib/reports/getMonthView";
import { LedgerReader } from "../lib/ledger/ledgerReader";
import type { Rollups } from "../lib/store/sqlite/dailySums";
import { createRollupWriter, sumIntoRollups } from "../lib/store/sqlite/usageWriter";
import { SqliteStore } from "../lib/store/sqlite/sqliteStore";
import { pricedStore } from "./pricedStore";

const N = Number(process.argv[2] ?? 10_000_000);
const MONTH = "2026-01";
const TARGET_MS = 100;
const RUNS = 15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN; // no runs, no median
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  await work(); // warm: the first run also fills SQLite's page cache
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(times);
}

async function main() {
  const file = await pricedStore("report.db", { withOrg: true });
  const db = new Database(file);
  const write = createRollupWriter(db);
  const { apps } = demoOrganisation();
  const from = Date.parse(`${MONTH}-01T00:00:00Z`);
  const to = Date.parse("2026-02-01T00:00:00Z");
  // About N events over the month's 31 days, weekends quieter (as the demo generator makes them).
  const lines = demoHistory(seededRandom(7), apps, from, to, Math.ceil(N / 31 / 0.75));
  let events = 0;
  let rollups: Rollups = new Map();
  let hourly: Rollups = new Map();
  console.log(`summing ${N.toLocaleString("en-US")} events of ${MONTH} into rollups…`);
  for (const line of lines) {
    const parsed = parseEventLine(line);
    if (!parsed.ok) continue;
    sumIntoRollups(rollups, hourly, parsed.event);
    if (++events === N) break;
    if (events % 1_000_000 === 0) {
      db.transaction(() => write(rollups, hourly))();
      rollups = new Map();
      hourly = new Map();
    }
  }
  db.transaction(() => write(rollups, hourly))();
  const rows = db.prepare("SELECT COUNT(*) AS n, SUM(requests) AS requests FROM DailyUsage").get() as { n: number; requests: number };
  db.close();

  const store = SqliteStore.open(file);
  const raw = await timed(() => store.listDailyUsage(`${MONTH}-01`, "2026-02-01"));
  // A reader per view, as a page or API call makes one: nothing is carried from one run to the next.
  const report = await timed(() => getChargebackReport(new LedgerReader(store), MONTH, "business-unit"));
  const overview = await timed(async () => {
    const { lines, previous } = await getMonthView(new LedgerReader(store), MONTH);
    for (const by of ["business-unit", "app", "model"] as const) reportFromLines(lines, by);
    reportFromLines(previous, "business-unit");
  });
  const total = (await getChargebackReport(new LedgerReader(store), MONTH, "business-unit")).total;
  await store.close();
  const ms = (n: number) => `${n.toFixed(1).padStart(7)} ms`;
  console.log(`\nevents in ${MONTH}: ${rows.requests.toLocaleString("en-US")} in ${rows.n.toLocaleString("en-US")} daily rollup rows; total $${total}`);
  console.log(`raw limit  (read the month's rollups):           ${ms(raw)}  (median of ${RUNS})`);
  console.log(`month report by business unit (priced, mapped): ${ms(report)}`);
  console.log(`finance overview (all its data, as the page reads): ${ms(overview)}`);
  console.log(`target: month report under ${TARGET_MS} ms → ${report < TARGET_MS ? "met" : "NOT met"}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
