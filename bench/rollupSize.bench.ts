// npm run bench:rollups [-- --scale S --months M]: a year of rollups at 30M events a month, estimated
// from the scale bench's generator (bench/scaleData.ts) at a reduced scale. It measures rows per
// month and bytes per row (table and its indexes, SQLite's dbstat) as ingest leaves them, then
// compacts them as the worker does once days pass the hourly window (lib/retention/rollupCompaction.ts),
// measures again, and extrapolates: rows / scale × bytes per row, the newest HOURLY_DAYS as written
// and the rest of the year compacted, beside today's (nothing compacted) and the 1.5 GB target.
import Database from "better-sqlite3";
import { parseArgs } from "node:util";
import { currentMonth, now } from "../lib/core/clock";
import { monthDays, previousMonth } from "../lib/core/months";
import { HOURLY_DAYS, compactRollups } from "../lib/retention/rollupCompaction";
import { SqliteStore } from "../lib/store/sqlite/sqliteStore";
import { buildScaleStore } from "./scaleData";

const { values: flags } = parseArgs({
  options: { scale: { type: "string", default: "0.02" }, months: { type: "string", default: "2" } },
});
const scale = Number(flags.scale);
const months = Number(flags.months);
const TARGET_GB = 1.5;
// The tables under the views DailyUsage, HourlyAppUsage and DailyDimensionUsage: their rows a month.
const TABLES = ["DailyUsageSums", "HourlyAppUsageSums", "DailyDimensionUsageSums", "DailyOutcome"];
// The keys those rows name by id: as many as apps × deployments × models… and tag values or end
// users, not more each month, so counted once in a year (at full scale: / scale).
const KEYS = ["RollupKey", "HourlyKey", "DimensionValue"];
const GB = 1e9;

type Measure = Record<string, { rows: number; bytes: number }>;
const tableBytes = (m: Measure, tables: string[]) => tables.reduce((sum, t) => sum + m[t]!.bytes, 0);

/** Rows and bytes (its pages and its indexes' pages) of each rollup table, vacuumed: free pages are reused by later writes, so they are not counted. */
function measure(file: string): Measure {
  const writer = new Database(file);
  writer.exec("VACUUM");
  writer.close();
  const db = new Database(file, { readonly: true });
  const owner = new Map(
    (db.prepare("SELECT name, tbl_name FROM sqlite_master").all() as { name: string; tbl_name: string }[]).map((r) => [r.name, r.tbl_name]),
  );
  const bytes = new Map<string, number>();
  for (const r of db.prepare("SELECT name, SUM(pgsize) AS size FROM dbstat GROUP BY name").all() as { name: string; size: number }[]) {
    const table = owner.get(r.name) ?? r.name;
    bytes.set(table, (bytes.get(table) ?? 0) + r.size);
  }
  const out: Measure = {};
  for (const t of [...TABLES, ...KEYS]) out[t] = { rows: (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n, bytes: bytes.get(t) ?? 0 };
  db.close();
  return out;
}

/** A month's bytes at full scale: each table's rows a month / scale × its bytes per row. */
function monthBytes(m: Measure, log: (line: string) => void): number {
  let total = 0;
  for (const t of TABLES) {
    const { rows, bytes } = m[t]!;
    const perRow = rows ? bytes / rows : 0;
    const fullRows = rows / months / scale;
    total += fullRows * perRow;
    log(
      `  ${t.padEnd(24)} ${Math.round(rows / months)
        .toLocaleString("en-US")
        .padStart(
          9,
        )} rows/month here → ${Math.round(fullRows).toLocaleString("en-US").padStart(11)} at 30M events × ${perRow.toFixed(1).padStart(6)} B/row = ${((fullRows * perRow) / GB).toFixed(3)} GB`,
    );
  }
  log(`  a month: ${(total / GB).toFixed(3)} GB`);
  return total;
}

async function main() {
  const name = `rollups-${scale}-${months}.db`;
  console.log(`generating scale ${scale} (${Math.round(30_000_000 * scale).toLocaleString("en-US")} events a month), ${months} months…`);
  // Whole months only: the last one is the month before this one.
  const lastMonth = previousMonth(currentMonth());
  const { file } = await buildScaleStore(name, { scale, months, lastMonth, lastDay: monthDays(currentMonth()).from }, console.log);
  const asWritten = measure(file);
  // Compacted as if every generated day had passed the window: the worker's daily task, run once.
  const store = SqliteStore.open(file);
  const summary = await compactRollups(store, { now: now() + (HOURLY_DAYS + 62) * 86_400_000 });
  await store.close();
  const compacted = measure(file);
  console.log(
    `compaction folded ${summary.hourlyRows.toLocaleString("en-US")} hourly and ${summary.endUserRows.toLocaleString("en-US")} end-user rows (hours kept on ${summary.kept.join(", ")})`,
  );

  console.log("as ingest writes them (every hour, every end user):");
  const fresh = monthBytes(asWritten, console.log);
  console.log("compacted (older than the hourly window):");
  const old = monthBytes(compacted, console.log);
  const keys = tableBytes(compacted, KEYS) / scale;
  console.log(
    `keys (${KEYS.map((t) => `${t} ${Math.round(compacted[t]!.rows / scale).toLocaleString("en-US")}`).join(", ")} at full scale): ${(keys / GB).toFixed(3)} GB, once`,
  );
  const windowMonths = (HOURLY_DAYS / 365.25) * 12;
  const year = windowMonths * fresh + (12 - windowMonths) * old + keys;
  console.log(
    `a year: ${windowMonths.toFixed(2)} months as written (${HOURLY_DAYS} days) × ${(fresh / GB).toFixed(3)} GB + ${(12 - windowMonths).toFixed(2)} months compacted × ${(old / GB).toFixed(3)} GB + keys ${(keys / GB).toFixed(3)} GB` +
      ` = ${(year / GB).toFixed(2)} GB (target < ${TARGET_GB} GB: ${year < TARGET_GB * GB ? "met" : "NOT met"}); nothing compacted: 12 × ${(fresh / GB).toFixed(3)} + keys = ${((12 * fresh + keys) / GB).toFixed(2)} GB`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
