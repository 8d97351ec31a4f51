// npm run bench:cosmos: what one usage batch costs the Cosmos DB store per event, counted on the
// test server (@vercel/cosmosdb-server, in process, loopback) with the real SDK, for an app-day
// partition already holding m facts (0, 1k, 10k, 50k) and batches of 1, 10 and 100 events of that
// app and day (the worker's batch grouped by partition). Operations are counted by wrapping the
// SDK (bench/cosmosCounter.ts) and priced with docs/cosmos.md's assumptions: the test server
// reports 1 RU for everything, so the RU are estimates; on a real account read `requestCharge`.
import type { AddressInfo } from "node:net";
import { createHttpServer } from "@vercel/cosmosdb-server";
import { seededRandom, pick } from "../ingest/worker/demo/random";
import type { IncomingEvent } from "../lib/store/port";
import { CosmosStore } from "../lib/store/cosmos/cosmosStore";
import { installCounter, tallied, type Tally } from "./cosmosCounter";

const M = [0, 1_000, 10_000, 50_000];
const BATCH_SIZES = [1, 10, 100];
/** Batches measured per size: enough events for a stable average, few enough to leave m about as set. */
const ROUNDS: Record<number, number> = { 1: 30, 10: 10, 100: 3 };
const TARGET_RU_PER_EVENT = 8;
const TARGET_EVENTS_PER_S = 2_000;
/** A physical partition serves at most 10,000 RU/s; an app-day's sheet lives in one. */
const PARTITION_RU_PER_S = 10_000;
const DAY = "2026-11-10";
const APP = "bench-app";

const random = seededRandom(25);
const USERS = Array.from({ length: 200 }, (_, i) => `user-${i}@contoso.example`);
const PROJECTS = ["apollo", "gemini", "mercury", "atlas", "orion", "vega", "lyra", "nova"];
const MODELS = [
  { deployment: "chat", model: "gpt-4o-2024-08-06", operation: "chat.completions" },
  { deployment: "mini", model: "gpt-4o-mini-2024-07-18", operation: "chat.completions" },
  { deployment: "embed", model: "text-embedding-3-small", operation: "embeddings" },
];
let serial = 0;

/** Realistic traffic of one app and day: 30 % tagged, end users on 20 %, 2 % throttled; times in `hour`. */
function event(hour: number): IncomingEvent {
  const id = `bench-${serial++}`;
  const m = pick(random, MODELS);
  const prompt = 200 + Math.floor(random() * 3000);
  const completion = m.operation === "embeddings" ? 0 : Math.floor(random() * 800);
  const throttled = random() < 0.02;
  return {
    id,
    source: "bench",
    event: {
      shape: "chargeback/v1",
      requestId: id,
      time: Date.parse(`${DAY}T00:00:00Z`) + hour * 3_600_000 + Math.floor(random() * 3_600_000),
      appId: APP,
      ...m,
      region: "eastus2",
      promptTokens: throttled ? 0 : prompt,
      cachedTokens: 0,
      completionTokens: throttled ? 0 : completion,
      reasoningTokens: 0,
      totalTokens: throttled ? 0 : prompt + completion,
      modelTimeMs: throttled ? null : 100 + Math.floor(random() * 4000),
      status: throttled ? 429 : 200,
      streamed: false,
      subscriptionId: null,
      product: null,
      ...(random() < 0.3 ? { tags: { project: pick(random, PROJECTS), env: pick(random, ["prod", "test", "dev"]) } } : {}),
      ...(random() < 0.2 ? { endUser: pick(random, USERS) } : {}),
    },
  };
}

const batchOf = (n: number, hour: number) => ({ events: Array.from({ length: n }, () => event(hour)), quarantined: [], receivedAt: Date.now() });

type Row = { m: number; size: number; tally: Tally; events: number };

async function main() {
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const store = CosmosStore.open({ endpoint, database: "bench-cosmos", key: "bench-loopback-only" });
  installCounter();
  const rows: Row[] = [];
  let held = 0;
  for (const m of M) {
    // Fill the partition up to m facts, spread over the day's first 20 hours.
    for (; held < m; held += 1_000) await store.saveUsageBatch(batchOf(Math.min(1_000, m - held), Math.floor((held / 50_000) * 20)));
    for (const size of BATCH_SIZES) {
      const rounds = ROUNDS[size]!;
      const tally = await tallied(async () => {
        for (let r = 0; r < rounds; r++) await store.saveUsageBatch(batchOf(size, 21));
      });
      held += size * rounds;
      rows.push({ m, size, tally, events: size * rounds });
      process.stdout.write(".");
    }
  }
  process.stdout.write("\n");
  await store.close();
  server.closeAllConnections();
  server.close();
  report(rows);
}

const fmt = (n: number, digits = 1) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

function report(rows: readonly Row[]) {
  console.log("Cosmos DB store: cost of a usage batch per event, counted on the test server, priced with docs/cosmos.md's assumptions\n");
  console.log(
    "| m facts held | batch | reads | creates | upserts | replaces | patches | deletes | queries | docs returned | RU/event | RU/event in the app-day partition | per-app ceiling (events/s) |",
  );
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const { m, size, tally, events } of rows) {
    const per = (n: number) => fmt(n / events, 2);
    const inPartition = (tally.ruByContainer.usage ?? 0) / events;
    console.log(
      `| ${m.toLocaleString("en-US")} | ${size} | ${per(tally.ops.read)} | ${per(tally.ops.create)} | ${per(tally.ops.upsert)} | ${per(tally.ops.replace)} | ${per(tally.ops.patch)} | ${per(tally.ops.delete)} | ${per(tally.ops.query)} | ${per(tally.docsReturned)} | ${fmt(tally.ru / events)} | ${fmt(inPartition, 2)} | ${Math.floor(PARTITION_RU_PER_S / inPartition).toLocaleString("en-US")} |`,
    );
  }
  const at100 = rows.filter((r) => r.size === 100);
  const ruAt100 = at100.map((r) => r.tally.ru / r.events);
  const worst = Math.max(...ruAt100);
  const spread = worst - Math.min(...ruAt100);
  const ceiling = Math.min(...at100.map((r) => PARTITION_RU_PER_S / ((r.tally.ruByContainer.usage ?? 0) / r.events)));
  console.log("\nOperations and documents are per event; a failed request (404, 409, 412) counts as made.");
  console.log(
    `Target: <= ${TARGET_RU_PER_EVENT} RU per event at batch 100, for every m: worst ${fmt(worst)} RU (spread over m ${fmt(spread, 2)} RU) — ${worst <= TARGET_RU_PER_EVENT ? "MET" : "NOT MET"}`,
  );
  console.log(
    `Target: per-app ceiling >= ${TARGET_EVENTS_PER_S.toLocaleString("en-US")} events/s (10,000 RU/s of the app-day's physical partition ÷ RU per event landing there, batch 100): ${Math.floor(ceiling).toLocaleString("en-US")} events/s — ${ceiling >= TARGET_EVENTS_PER_S ? "MET" : "NOT MET"}`,
  );
  console.log(
    "(Facts are claims in `identities`, one logical partition per event, spread over every physical partition: they load the account, not the app's partition.)",
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
