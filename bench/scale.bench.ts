import { itemAt } from "../lib/core/arrays";
// npm run bench:scale [-- --scale S --months M --runs R --reuse --refresh --month-end]: an enterprise's year, served by
// the production build. Scale 1 is 5,000 apps, 50 units, 500 cost centers, 60 deployments (3
// provisioned), 20 split rules, 30 % of rows tagged, 20 % with end users and about 30M events'
// worth of rollups a month; the default scale (0.02, 100 apps) runs in a minute. Prints the server
// time of each page beside a static file served by the same server in the same run, the web
// server's peak RSS, and the store's size per month. Run full size under `nice`: generating it
// takes minutes and gigabytes.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { parseArgs } from "node:util";
import { currentMonth, now } from "../lib/core/clock";
import { previousMonth } from "../lib/core/months";
import { buildScaleStore, type ScaleOrg } from "./scaleData";
import { root } from "./pricedStore";
import { financeCookie, median, type Timing, waitForServer } from "./webSession";
import { monthEnd, RSS_TARGET_MB } from "./monthEnd";

const { values: flags } = parseArgs({
  options: {
    scale: { type: "string", default: process.env.CHARGEBACK_BENCH_SCALE ?? "0.02" },
    months: { type: "string", default: "12" },
    runs: { type: "string", default: "3" },
    port: { type: "string", default: process.env.CHARGEBACK_BENCH_PORT ?? "3150" },
    timeout: { type: "string", default: "300" },
    reuse: { type: "boolean", default: false },
    // Build every month's figures with `chargeback month refresh` first, as the worker's schedule
    // would: the web server then only reads them (without it, the first view of each month builds).
    refresh: { type: "boolean", default: false },
    // Then close the month before the last as finance and view it while it is rebuilt (bench/monthEnd.ts).
    "month-end": { type: "boolean", default: false },
  },
});
const scale = Number(flags.scale);
const months = Number(flags.months);
const runs = Number(flags.runs);
const BASE = `http://127.0.0.1:${flags.port}`;
const PAGE_TARGET_MS = 300;
const EXPORT_TARGET_MS = 5000;
const name = `scale-${scale}-${months}.db`;

/** The server's peak resident set (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function main() {
  const lastMonth = currentMonth();
  const file = path.join(root, "bench", "out", name);
  const shapeFile = `${file}.json`;
  let org: ScaleOrg;
  if (flags.reuse && fs.existsSync(shapeFile)) org = JSON.parse(fs.readFileSync(shapeFile, "utf8"));
  else {
    console.log(`generating scale ${scale}: ${months} months of rollups…`);
    const lastDay = new Date(now()).toISOString().slice(0, 10);
    org = (await buildScaleStore(name, { scale, months, lastMonth, lastDay }, console.log)).org;
    fs.writeFileSync(shapeFile, JSON.stringify(org));
  }
  const db = new Database(file, { readonly: true });
  const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const events = Number((db.prepare("SELECT SUM(requests) AS n FROM DailyUsage").get() as { n: number }).n);
  const tables = ["DailyUsage", "HourlyAppUsage", "DailyDimensionUsage", "DailyOutcome"].map(
    (t) => `${t} ${Math.round(count(t) / months).toLocaleString("en-US")}`,
  );
  db.close();
  const bytes = fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
  console.log(
    `${org.apps.length.toLocaleString("en-US")} apps, ${org.units.length} units, ${org.deployments} deployments, ${org.splitRules} split rules; ` +
      `${Math.round(events / months).toLocaleString("en-US")} events a month`,
  );
  console.log(`rows per month: ${tables.join(", ")}`);
  console.log(`store: ${(bytes / 2 ** 20).toFixed(0)} MB, ${(bytes / 2 ** 20 / months).toFixed(1)} MB per month`);

  if (flags.refresh) {
    const started = Date.now();
    const run = spawnSync(
      "/usr/bin/time",
      ["-f", "%M", process.execPath, path.join(root, "bin", "chargeback.js"), "month", "refresh", "--db", `file:${file}`],
      {
        cwd: root,
        encoding: "utf8",
      },
    );
    if (run.status !== 0) throw new Error(`month refresh failed: ${run.stderr}`);
    const peakKb = Number(run.stderr.trim().split("\n").at(-1));
    console.log(`chargeback month refresh (${months} months): ${((Date.now() - started) / 1000).toFixed(1)} s, peak RSS ${(peakKb / 1024).toFixed(0)} MB`);
  }
  const server = spawn(process.execPath, [path.join(root, "bench", "benchServer.mjs"), flags.port!, file], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitForServer(BASE);
    const cookie = await financeCookie(BASE);
    const admin = await financeCookie(BASE, "local-admin");
    const first = new Date(Date.parse(`${lastMonth}-01T00:00:00Z`));
    first.setUTCMonth(first.getUTCMonth() - (months - 1));
    const from = first.toISOString().slice(0, 7);
    const pages = [
      ["/", `/?month=${lastMonth}`],
      ["a unit page", `/business-units/${encodeURIComponent(itemAt(org.units, 0))}?month=${lastMonth}`],
      ["an app page (busiest)", `/apps/${org.busiestApp}?month=${lastMonth}`],
      ["/admin/mappings", "/admin/mappings"],
      ["report API (by unit)", `/api/v1/reports/chargeback?month=${lastMonth}`],
      [`export ${months} months`, `/api/v1/exports/chargeback?from=${from}&to=${lastMonth}&by=business-unit`],
    ] as const;
    const ms = (t: Timing) => (t.status === 0 ? "  failed" : `${t.ms.toFixed(0).padStart(6)} ms`);
    const floor = await median(`${BASE}/favicon.svg`, cookie, runs);
    console.log(`\n${"page".padEnd(26)} ${"first".padStart(9)} ${"median".padStart(9)}   static file beside it`);
    let met = true;
    for (const [label, url] of pages) {
      // The mappings page is an admin's; every other page, finance's.
      const t = await median(`${BASE}${url}`, url.startsWith("/admin") ? admin : cookie, runs, Number(flags.timeout) * 1000);
      const beside = await median(`${BASE}/favicon.svg`, cookie, runs);
      const target = label.startsWith("export") ? EXPORT_TARGET_MS : PAGE_TARGET_MS;
      met &&= t.status === 200 && t.ms < target;
      console.log(
        `${label.padEnd(26)} ${ms(t.first)} ${ms(t)}   ${beside.ms.toFixed(1)} ms  (HTTP ${t.status}, ${(t.bytes / 1024).toFixed(0)} KB, target ${target} ms)`,
      );
    }
    const rss = peakRssMb(server.pid!);
    console.log(`static file at the start: ${floor.ms.toFixed(1)} ms`);
    console.log(`web server peak RSS: ${rss.toFixed(0)} MB (target ${RSS_TARGET_MB} MB)`);
    console.log(
      `targets: pages < ${PAGE_TARGET_MS} ms, export < ${EXPORT_TARGET_MS} ms, RSS < ${RSS_TARGET_MB} MB → ${met && rss < RSS_TARGET_MB ? "met" : "NOT met"}`,
    );
    if (flags["month-end"] && months > 1)
      await monthEnd(BASE, server.pid!, cookie, previousMonth(lastMonth), itemAt(org.units, 0), Number(flags.timeout) * 1000);
  } finally {
    server.kill("SIGTERM");
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
