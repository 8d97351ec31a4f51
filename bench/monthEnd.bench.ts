// npx tsx bench/monthEnd.bench.ts -- --db FILE --month YYYY-MM [--port P]: the month-end step of
// bench:scale (bench/monthEnd.ts) on a store already built (a copy: the close changes it), e.g. one
// month at 5,000 apps. Set CHARGEBACK_NOW to a day after the month, and
// CHARGEBACK_MONTH_BUILDS=in-process for the web server building the month itself (before the child builds).
import { spawn } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { parseArgs } from "node:util";
import { root } from "./pricedStore";
import { monthEnd } from "./monthEnd";
import { financeCookie, waitForServer } from "./webSession";

const { values: flags } = parseArgs({
  options: { db: { type: "string" }, month: { type: "string" }, port: { type: "string", default: "3152" }, timeout: { type: "string", default: "900" } },
});

async function main() {
  if (!flags.db || !flags.month) throw new Error("name the store (--db) and the month to close (--month)");
  const db = new Database(flags.db, { readonly: true });
  const { unit } = db.prepare("SELECT businessUnit AS unit FROM OrgMapping ORDER BY businessUnit LIMIT 1").get() as { unit: string };
  db.close();
  const base = `http://127.0.0.1:${flags.port}`;
  const server = spawn(process.execPath, [path.join(root, "bench", "benchServer.mjs"), flags.port!, path.resolve(flags.db)], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitForServer(base);
    const met = await monthEnd(base, server.pid!, await financeCookie(base), flags.month, unit, Number(flags.timeout) * 1000);
    console.log(`target: web server RSS < 500 MB through a month end → ${met ? "met" : "NOT met"}`);
  } finally {
    server.kill("SIGTERM");
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
