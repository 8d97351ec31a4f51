// npm run bench:intake: single-event POSTs to the HTTP intake of the production build at rising
// rates (open loop: each request leaves at its scheduled time, and its latency counts from then),
// each step beside a bare Node HTTP server on loopback hit at the same rate in the same run; then
// checks that every 200 is an event in the store. Needs `nice npx next build` first. Loopback only,
// about a minute. Port: CHARGEBACK_BENCH_PORT (default 3160) and the next one for the bare server.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { itemAt } from "../lib/core/arrays";
import { demoOrganisation } from "../ingest/worker/demo/demoOrganisation";
import { out, pricedStore, root } from "./pricedStore";

const PORT = Number(process.env.CHARGEBACK_BENCH_PORT ?? 3160);
const RATES = (process.env.BENCH_INTAKE_RATES ?? "250,500,1000,1500,2000").split(",").map(Number);
const STEP_SECONDS = 5;
const TARGET = { rate: 1_000, p99Ms: 250 };
// A request unanswered this long counts as an error (a gateway would have given up).
const TIMEOUT_MS = 10_000;

type Step = { sent: number; ok: number; errors: number; seconds: number; p50: number; p99: number };

const { apps } = demoOrganisation();
let serial = 0;
/** A realistic single event: chargeback/v1, a tag on a third, an end user on a fifth, timed now. */
function event(): string {
  const n = serial++;
  const prompt = 200 + ((n * 7919) % 3000);
  return JSON.stringify({
    schema: "chargeback/v1",
    requestId: randomUUID(),
    time: new Date().toISOString(),
    appId: itemAt(apps, n % apps.length).appId,
    deployment: "gpt-4o-eu",
    model: "gpt-4o-2024-11-20",
    operation: "chat.completions",
    region: "swedencentral",
    promptTokens: prompt,
    cachedTokens: 0,
    completionTokens: 300,
    reasoningTokens: 0,
    totalTokens: prompt + 300,
    modelTimeMs: 900 + (n % 2000),
    status: 200,
    streamed: n % 2 === 0,
    ...(n % 3 === 0 ? { tags: { project: "hermes", environment: "prod" } } : {}),
    ...(n % 5 === 0 ? { endUser: `user${n % 400}@contoso.example` } : {}),
  });
}

// Every 200 of the intake, warm-up included: each must be an event in the store at the end.
let storedOk = 0;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1_024 });

function post(port: number, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request({ host: "127.0.0.1", port, path: "/api/v1/events", method: "POST", agent, headers, timeout: TIMEOUT_MS }, (res) => {
      res.resume();
      res.on("end", () => {
        if (port === PORT && res.statusCode === 200) storedOk++;
        resolve(res.statusCode ?? 0);
      });
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve(0));
    req.end(body);
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;

/** `rate` requests a second for STEP_SECONDS, each sent at its slot; latency from the slot. */
async function step(port: number, token: string, rate: number): Promise<Step> {
  const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
  const total = rate * STEP_SECONDS;
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  let ok = 0;
  let errors = 0;
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
    for (; sent < due; sent++) {
      const slot = start + (sent * 1000) / rate;
      pending.push(
        post(port, headers, event()).then((status) => {
          latencies.push(performance.now() - slot);
          if (status === 200) ok++;
          else errors++;
        }),
      );
    }
    await sleep(1);
  }
  await Promise.all(pending);
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { sent, ok, errors, seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

async function waitFor(port: number, token: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`the server on port ${port} exited (${child.exitCode})`);
    if ((await post(port, { "content-type": "application/json", authorization: `Bearer ${token}` }, event())) === 200) return;
    await sleep(500);
  }
  throw new Error(`nothing answers on port ${port}`);
}

async function main() {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) throw new Error("no production build: run `nice npx next build` first");
  const db = await pricedStore("intake.db");
  const created = spawnSync(process.execPath, [path.join(root, "bin", "chargeback.js"), "ingest-keys", "create", "apim-bench", "--db", `file:${db}`], {
    encoding: "utf8",
  });
  if (created.status !== 0) throw new Error(`ingest-keys create failed: ${created.stderr}`);
  const { key } = JSON.parse(created.stdout) as { key: string };
  // The server's request log goes to a file: a terminal would slow it down.
  const log = fs.openSync(path.join(out, "intake-server.log"), "w");
  const web = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
      path.join(root, "bench", "benchServer.mjs"),
      String(PORT),
      db,
    ],
    { cwd: root, stdio: ["ignore", log, log] },
  );
  const bare = spawn(process.execPath, [path.join(root, "bench", "bareServer.mjs"), String(PORT + 1)], { stdio: ["ignore", "ignore", "inherit"] });
  try {
    await waitFor(PORT, key, web);
    await waitFor(PORT + 1, key, bare);
    // Warm-up: the route compiled, the pricer loaded, the connections open.
    for (let i = 0; i < 5; i++)
      await Promise.all(Array.from({ length: 50 }, () => post(PORT, { "content-type": "application/json", authorization: `Bearer ${key}` }, event())));
    const row = (label: string, s: Step) =>
      `${label.padEnd(12)} ${(s.ok / s.seconds).toFixed(0).padStart(6)}/s  p50 ${s.p50.toFixed(1).padStart(7)} ms  p99 ${s.p99.toFixed(1).padStart(7)} ms  errors ${s.errors}`;
    console.log(
      `single-event POSTs, ${STEP_SECONDS} s a step, open loop; load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
    let met = false;
    for (const rate of RATES) {
      const floor = await step(PORT + 1, key, rate);
      const intake = await step(PORT, key, rate);
      console.log(`rate ${String(rate).padStart(5)}/s  ${row("bare node", floor)}`);
      console.log(`${" ".repeat(17)}${row("intake", intake)}`);
      if (rate === TARGET.rate) met = intake.errors === 0 && intake.p99 < TARGET.p99Ms;
      if (intake.errors > 0 && intake.p99 > TIMEOUT_MS / 2) break; // past the knee: the rest only queue
    }
    const store = new Database(db, { readonly: true });
    const stored = store.prepare("SELECT count(*) FROM UsageEvent").pluck().get() as number;
    store.close();
    console.log(
      `load average after: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
    console.log(`stored events: ${stored}, intake requests answered 200: ${storedOk} (each 200 must be a stored event)`);
    console.log(`target: ${TARGET.rate}/s with p99 < ${TARGET.p99Ms} ms and 0 errors → ${met ? "met" : "NOT met"}`);
  } finally {
    agent.destroy();
    bare.kill("SIGTERM");
    if (web.exitCode === null) {
      web.kill("SIGTERM");
      await new Promise((resolve) => web.once("exit", resolve));
    }
  }
}

fs.mkdirSync(out, { recursive: true });
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
