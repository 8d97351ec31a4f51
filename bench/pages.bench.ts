// npm run bench:pages: the demo data served by the production build (as the browser tests run it),
// each page fetched as finance, median of 7 server round trips, beside the round trip of a
// static asset measured in the same run (the floor: Next.js serving bytes, no data).
import { currentMonth } from "../lib/core/clock";
import { spawn } from "node:child_process";
import path from "node:path";
import { itemAt } from "../lib/core/arrays";
import { financeCookie, median as medianOf, waitForServer } from "./webSession";

const PORT = 3150;
const BASE = `http://127.0.0.1:${PORT}`;
const TARGET_MS = 1000;
const RUNS = 7;
const root = path.resolve(__dirname, "..");

const median = (url: string, cookie: string) => medianOf(url, cookie, RUNS);

async function main() {
  const server = spawn(process.execPath, [path.join(root, "scripts", "e2e-server.mjs"), String(PORT)], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  try {
    await waitForServer(BASE);
    const cookie = await financeCookie(BASE);
    const month = currentMonth();
    const report = (await (await fetch(`${BASE}/api/v1/reports/chargeback?month=${month}&by=app`, { headers: { cookie } })).json()) as {
      rows: { key: string }[];
    };
    const pages = [
      "/",
      "/business-units/Stores",
      `/apps/${itemAt(report.rows, 0).key}`,
      "/models/gpt-4o-2024-08-06",
      "/admin/prices",
      "/admin/deployments",
      "/admin/audit",
      `/api/v1/reports/chargeback?month=${month}`,
    ];
    const floor = await median(`${BASE}/favicon.svg`, cookie);
    console.log(`floor (a static file):            ${floor.ms.toFixed(1).padStart(7)} ms`);
    let worst = 0;
    for (const page of pages) {
      const { ms, status } = await median(`${BASE}${page}${page.includes("?") ? "" : `?month=${month}`}`, cookie);
      worst = Math.max(worst, ms);
      console.log(`${page.slice(0, 34).padEnd(34)} ${ms.toFixed(1).padStart(7)} ms  (HTTP ${status})`);
    }
    console.log(`target: every page under ${TARGET_MS} ms → ${worst < TARGET_MS ? "met" : "NOT met"}`);
  } finally {
    server.kill("SIGTERM");
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
