// npm run bench [-- N]: events/s of `chargeback ingest` into SQLite beside the raw limit measured in
// the same run (the same lines JSON.parsed and inserted with one prepared statement, one transaction).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import Database from "better-sqlite3";
import { demoHistory } from "../ingest/worker/demo/demoEvents";
import { demoOrganisation } from "../ingest/worker/demo/demoOrganisation";
import { seededRandom } from "../ingest/worker/demo/random";
import { out, pricedStore, root } from "./pricedStore";

const N = Number(process.argv[2] ?? 1_000_000);
const TARGET_EVENTS_PER_SECOND = 40_000;
const eventsFile = path.join(out, "events.ndjson");

function generate(): void {
  const { apps } = demoOrganisation();
  const random = seededRandom(1);
  // Enough days that the generator yields N events; realistic shapes, sizes and mix.
  const perDay = 20_000;
  const from = Date.UTC(2026, 0, 1);
  const lines = demoHistory(random, apps, from, from + Math.ceil(N / perDay / 0.7 + 2) * 86_400_000, perDay);
  const fd = fs.openSync(eventsFile, "w");
  let written = 0;
  let chunk: string[] = [];
  for (const line of lines) {
    chunk.push(line);
    if (++written === N) break;
    if (chunk.length === 10_000) {
      fs.writeSync(fd, `${chunk.join("\n")}\n`);
      chunk = [];
    }
  }
  fs.writeSync(fd, `${chunk.join("\n")}\n`);
  fs.closeSync(fd);
  if (written < N) throw new Error(`generated only ${written} events`);
}

/** A fresh store with the real price book and the demo deployments, so every event is priced. */
/** The raw limit: JSON.parse each line and insert it with one prepared statement, one transaction. */
async function rawLimit(file: string): Promise<number> {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const insert = db.prepare(
    `INSERT OR IGNORE INTO UsageEvent (id, time, day, appId, deployment, model, operation, region, promptTokens,
       cachedTokens, completionTokens, reasoningTokens, totalTokens, modelTimeMs, status, streamed, subscriptionId,
       product, shape, source, receivedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const started = process.hrtime.bigint();
  const lines = readline.createInterface({ input: fs.createReadStream(eventsFile, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  let n = 0;
  db.exec("BEGIN");
  for await (const line of lines) {
    n++;
    let e: Record<string, string>;
    try {
      e = JSON.parse(line);
    } catch {
      continue; // the few broken lines: the raw loop just drops them
    }
    // The same content per row, taken as the line has it: no validation, no rollups, no pricing.
    insert.run(
      e.requestId ?? `line:${n}`,
      Date.parse(e.time ?? e.timestamp ?? e["event-time"] ?? "") || 0,
      "",
      e.appId ?? e.appid ?? "",
      e.deployment ?? e.deploymentName ?? "",
      e.model ?? "",
      e.operation ?? e.targetService ?? "",
      e.region ?? e.routeLocation ?? "",
      Number(e.promptTokens ?? e.prompt_tokens ?? 0),
      Number(e.cachedTokens ?? 0),
      Number(e.completionTokens ?? e.responseTokens ?? e.completion_tokens ?? 0),
      Number(e.reasoningTokens ?? 0),
      Number(e.totalTokens ?? e.total_tokens ?? 0),
      e.modelTimeMs ?? null,
      e.status ?? null,
      e.streamed ? 1 : 0,
      e.subscriptionId ?? null,
      e.product ?? e.productName ?? null,
      e.schema ?? "",
      `${eventsFile}:${n}`,
      0,
    );
  }
  db.exec("COMMIT");
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return n / seconds;
}

function cliIngest(file: string): { rate: number; summary: string } {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [path.join(root, "bin", "chargeback.js"), "ingest", eventsFile, "--db", `file:${file}`], { encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`chargeback ingest failed: ${result.stderr}`);
  return { rate: N / seconds, summary: result.stdout.trim() };
}

async function main() {
  fs.mkdirSync(out, { recursive: true });
  console.log(`generating ${N.toLocaleString("en-US")} events…`);
  generate();
  const mb = (fs.statSync(eventsFile).size / 1e6).toFixed(0);
  const raw = await rawLimit(await pricedStore("raw.db"));
  const cli = cliIngest(await pricedStore("ingest.db"));
  const share = cli.rate / raw;
  const fmt = (n: number) => Math.round(n).toLocaleString("en-US").padStart(9);
  console.log(`\nevents: ${N.toLocaleString("en-US")} (${mb} MB of NDJSON)`);
  console.log(`raw limit  (JSON.parse + prepared INSERT, one transaction): ${fmt(raw)} events/s`);
  console.log(`chargeback ingest (whole CLI run, start-up included):        ${fmt(cli.rate)} events/s  (${(share * 100).toFixed(0)}% of raw)`);
  console.log(`  summary: ${cli.summary}`);
  const ok = cli.rate >= TARGET_EVENTS_PER_SECOND && share >= 0.5;
  console.log(`target: ≥ ${TARGET_EVENTS_PER_SECOND.toLocaleString("en-US")} events/s and ≥ 50% of raw → ${ok ? "met" : "NOT met"}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
