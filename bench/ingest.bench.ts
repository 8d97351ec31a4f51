// npm run bench [-- N [--reuse]]: events/s, CPU and peak RSS of the whole `chargeback ingest` process
// into SQLite beside two raw loops on the same file in the same run: the minimal one (JSON.parse and
// one prepared insert into an 8-column table with a text primary key, one transaction) and the
// bench's older one (the same into UsageEvent's 21 columns). --reuse keeps an events file of that N.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import Database from "better-sqlite3";
import { demoHistory } from "../ingest/worker/demo/demoEvents";
import { demoOrganisation } from "../ingest/worker/demo/demoOrganisation";
import { seededRandom } from "../ingest/worker/demo/random";
import { out, pricedStore, root } from "./pricedStore";

const N = Number(process.argv[2] ?? 1_000_000);
const REUSE = process.argv.includes("--reuse");
const TARGET = { shareOfMinimal: 0.5, peakRssMb: 300 };
const eventsFile = path.join(out, "events.ndjson");
const eventsCount = `${eventsFile}.count`;

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

const lines = () => readline.createInterface({ input: fs.createReadStream(eventsFile, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });

/** The minimal raw loop: JSON.parse and one prepared insert into an 8-column table with a text primary key, one transaction. */
async function minimalLoop(): Promise<number> {
  const file = path.join(out, "minimal.db");
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec(
    "CREATE TABLE Minimal (id TEXT PRIMARY KEY, time INTEGER, appId TEXT, deployment TEXT, model TEXT, promptTokens INTEGER, completionTokens INTEGER, totalTokens INTEGER)",
  );
  const insert = db.prepare("INSERT OR IGNORE INTO Minimal VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  const started = process.hrtime.bigint();
  let n = 0;
  db.exec("BEGIN");
  for await (const line of lines()) {
    n++;
    let e: Record<string, string>;
    try {
      e = JSON.parse(line);
    } catch {
      continue;
    }
    insert.run(
      e.requestId ?? `line:${n}`,
      Date.parse(e.time ?? "") || 0,
      e.appId ?? "",
      e.deployment ?? "",
      e.model ?? "",
      Number(e.promptTokens ?? 0),
      Number(e.completionTokens ?? 0),
      Number(e.totalTokens ?? 0),
    );
  }
  db.exec("COMMIT");
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return n / seconds;
}

/** The bench's older raw loop: JSON.parse each line and insert it with one prepared statement, one transaction. */
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
  let n = 0;
  db.exec("BEGIN");
  for await (const line of lines()) {
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

/** The environment and node options of the bin's launch line (`#!/usr/bin/env -S NAME=value… node --flag…`), which the bench starts it with. */
function launchLine(bin: string): { env: Record<string, string>; nodeOptions: string[] } {
  const words = /^#!\/usr\/bin\/env -S (.*)$/m.exec(fs.readFileSync(bin, "utf8").split("\n")[0] ?? "")?.[1]?.split(" ") ?? [];
  const node = words.indexOf("node");
  if (node === -1) throw new Error(`${bin}: no "#!/usr/bin/env -S … node …" line`);
  return { env: Object.fromEntries(words.slice(0, node).map((w) => w.split("=", 2) as [string, string])), nodeOptions: words.slice(node + 1) };
}

function cliIngest(file: string): { rate: number; summary: string; peakRssMb: number; cpuMicrosPerEvent: number } {
  const bin = path.join(root, "bin", "chargeback.js");
  const { env, nodeOptions } = launchLine(bin);
  const started = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    [...nodeOptions, "-r", path.join(root, "bench", "peakRss.cjs"), bin, "ingest", eventsFile, "--db", `file:${file}`],
    { encoding: "utf8", env: { ...process.env, ...env } },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`chargeback ingest failed: ${result.stderr}`);
  const usage = JSON.parse(/bench-usage (.*)/.exec(result.stderr)?.[1] ?? "null") as { peakRssKb: number; cpuMicros: number };
  return { rate: N / seconds, summary: result.stdout.trim(), peakRssMb: usage.peakRssKb / 1024, cpuMicrosPerEvent: usage.cpuMicros / N };
}

async function main() {
  fs.mkdirSync(out, { recursive: true });
  if (REUSE && fs.existsSync(eventsCount) && fs.readFileSync(eventsCount, "utf8") === String(N)) console.log(`reusing ${N.toLocaleString("en-US")} events`);
  else {
    console.log(`generating ${N.toLocaleString("en-US")} events…`);
    generate();
    fs.writeFileSync(eventsCount, String(N));
  }
  const mb = (fs.statSync(eventsFile).size / 1e6).toFixed(0);
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ");
  console.log(`load average before: ${load()}`);
  const minimal = await minimalLoop();
  const raw = await rawLimit(await pricedStore("raw.db"));
  const cli = cliIngest(await pricedStore("ingest.db"));
  const share = cli.rate / minimal;
  const fmt = (n: number) => Math.round(n).toLocaleString("en-US").padStart(9);
  console.log(`\nevents: ${N.toLocaleString("en-US")} (${mb} MB of NDJSON)`);
  console.log(`minimal raw loop (JSON.parse + INSERT into 8 columns, text key, one transaction): ${fmt(minimal)} events/s`);
  console.log(`older raw loop   (JSON.parse + INSERT into UsageEvent's 21 columns, one transaction): ${fmt(raw)} events/s`);
  console.log(
    `chargeback ingest (whole CLI process, start-up included):                          ${fmt(cli.rate)} events/s  (${(share * 100).toFixed(0)}% of minimal, ${((cli.rate / raw) * 100).toFixed(0)}% of older)`,
  );
  console.log(`  CPU ${cli.cpuMicrosPerEvent.toFixed(1)} µs per event (every thread), peak RSS ${cli.peakRssMb.toFixed(0)} MB`);
  console.log(`  summary: ${cli.summary}`);
  console.log(`load average after: ${load()}`);
  const ok = share >= TARGET.shareOfMinimal && cli.peakRssMb < TARGET.peakRssMb;
  console.log(`target: ≥ ${TARGET.shareOfMinimal * 100}% of the minimal raw loop, peak RSS < ${TARGET.peakRssMb} MB → ${ok ? "met" : "NOT met"}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
