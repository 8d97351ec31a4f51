// npm run bench:pages: the demo data served by the production build (as the browser tests run it),
// each page fetched as finance, median of 7 server round trips, beside the round trip of a
// static asset measured in the same run (the floor: Next.js serving bytes, no data).
import { currentMonth } from "../lib/core/clock";
import { spawn } from "node:child_process";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { itemAt } from "../lib/core/arrays";

const PORT = 3150;
const BASE = `http://127.0.0.1:${PORT}`;
const TARGET_MS = 1000;
const RUNS = 7;
const root = path.resolve(__dirname, "..");

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`${BASE}/signin`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await sleep(1000);
  }
  throw new Error("the web app did not start");
}

/** Signs in as the finance persona through the sign-in form's Server Action, as a browser without JS would. */
async function financeCookie(): Promise<string> {
  const html = await (await fetch(`${BASE}/signin`)).text();
  const form = html.split("<form").find((f) => f.includes('value="local-finance"'))!;
  const action = itemAt(/name="(\$ACTION_ID_\w+)"/.exec(form)!, 1);
  const body = new FormData();
  body.set(action, "");
  body.set("persona", "local-finance");
  body.set("next", "/");
  const response = await fetch(`${BASE}/signin`, { method: "POST", body, headers: { origin: BASE }, redirect: "manual" });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("chargeback_session="));
  if (!cookie) throw new Error(`sign-in failed: HTTP ${response.status}`);
  return cookie.split(";", 1)[0] ?? cookie;
}

async function median(url: string, cookie: string): Promise<{ ms: number; status: number }> {
  const times: number[] = [];
  let status = 0;
  for (let i = 0; i <= RUNS; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    await response.arrayBuffer();
    status = response.status;
    if (i > 0) times.push(performance.now() - started); // the first request warms caches
  }
  return { ms: times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? Number.NaN, status };
}

async function main() {
  const server = spawn(process.execPath, [path.join(root, "scripts", "e2e-server.mjs"), String(PORT)], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  try {
    await waitForServer();
    const cookie = await financeCookie();
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
