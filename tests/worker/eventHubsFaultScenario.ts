import Database from "better-sqlite3";
import type { EventData } from "@azure/event-hubs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAzurite, type Azurite } from "../support/azurite";
import { startEventHubsStandIn, type EventHubsStandIn } from "../support/eventHubsStandIn";
import { startDelayProxy } from "../support/delayProxy";
import { checkpointStore, sendToPartitions, usageTotals } from "../support/hubEvents";
import { seedEvent, v1Event } from "../support/ingest";
import { runCli } from "../support/cli";
import { hubEnv, startCli, waitFor, workerStore, type RunningCli } from "../support/workerProcess";
import { itemAt } from "../../lib/core/arrays";
import { entryOf } from "../support/arrays";

/** Half carry a request id, half (the seed policy's shape) are known only by partition and sequence number. */
function event(i: number): { body: Buffer; tokens: number } {
  const prompt = 100 + (i % 97);
  const completion = i % 13;
  const minute = String(i % 60).padStart(2, "0");
  const text =
    i % 2 === 0
      ? v1Event({
          requestId: `fault-${i}`,
          appId: `app-${i % 7}`,
          time: `2026-11-${String(1 + (i % 28)).padStart(2, "0")}T10:${minute}:00Z`,
          promptTokens: prompt,
          completionTokens: completion,
          totalTokens: prompt + completion,
        })
      : seedEvent({
          appid: `app-${i % 7}`,
          "event-time": `11/${1 + (i % 28)}/2026 10:${minute}:00 AM`,
          prompt_tokens: String(prompt),
          completion_tokens: String(completion),
          total_tokens: String(prompt + completion),
        });
  return { body: Buffer.from(text), tokens: prompt + completion };
}

/**
 * Two Event Hubs workers on one hub, one of them killed mid-stream again and again, writing to the
 * store `workerStore()` picks (so a test file chooses it through the environment).
 */
export function describeFaultScenario(store: string, { EVENTS = 20_000, KILLS = 3, timeout = 180_000, checkpointDelayMs = 150 } = {}): void {
  // Each kill waits for a twentieth of the events to be stored first.
  const PROGRESS = EVENTS / 20;
  describe(`two Event Hubs workers on one hub (${store}), one of them killed mid-stream again and again`, () => {
    let hub: EventHubsStandIn;
    let azurite: Azurite;
    let slowBlobs: Awaited<ReturnType<typeof startDelayProxy>>;
    const workers: RunningCli[] = [];
    const cleanups: (() => Promise<void>)[] = [];

    beforeAll(async () => {
      [hub, azurite] = await Promise.all([startEventHubsStandIn({ partitions: 4 }), startAzurite()]);
      slowBlobs = await startDelayProxy(azurite.port, checkpointDelayMs);
    });
    afterAll(async () => {
      for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
      await Promise.all(workers.map((w) => w.exited));
      for (const cleanup of cleanups) await cleanup();
      await slowBlobs?.close();
      await Promise.all([hub?.close(), azurite?.close()]);
    });

    it("share the partitions, and the store ends with exactly the events sent: none lost, none counted twice", { timeout }, async () => {
      const target = workerStore();
      cleanups.push(target.close);
      const { store } = target;
      // The workers reach the checkpoint store over a slow link (150 ms a request by default), so kills often land
      // between a batch's write and its checkpoint and the redelivery must add nothing.
      const env = {
        ...hubEnv(hub, azurite),
        CHARGEBACK_CHECKPOINT_CONNECTION_STRING: azurite.connectionString.replace(`:${azurite.port}/`, `:${slowBlobs.port}/`),
        ...target.env,
        // Each batch's "batch.written" line (with its duplicates) is logged at debug.
        CHARGEBACK_LOG_LEVEL: "debug",
      };
      const start = () => {
        const w = startCli(["worker", "--source", "eventhubs", "--max-batch-size", "100", "--max-wait-seconds", "1"], env);
        workers.push(w);
        return w;
      };

      // And the store hiccups: every 250 ms another connection holds the write lock for 100 ms, so
      // writes are sometimes slow, as a busy store's are, and kills land mid-write too.
      const hiccups = target.kind === "sqlite" ? storeHiccups((target.env.CHARGEBACK_DATABASE_URL ?? "").slice("file:".length)) : undefined;
      cleanups.push(async () => hiccups?.stop());

      const steady = start();
      let victim = start();
      await Promise.all([steady.waitForStderr(/claimed partition/), victim.waitForStderr(/claimed partition/)]);

      const events = Array.from({ length: EVENTS }, (_, i) => event(i));
      const expectedTokens = events.reduce((s, e) => s + e.tokens, 0);
      const sending = (async () => {
        for (let chunk = 0; chunk < EVENTS; chunk += 500) {
          const byPartition: Record<string, EventData[]> = { "0": [], "1": [], "2": [], "3": [] };
          for (let i = chunk; i < chunk + 500; i++) entryOf(byPartition, String(i % 4)).push({ body: itemAt(events, i).body });
          await sendToPartitions(hub, byPartition);
          await new Promise((r) => setTimeout(r, 250));
        }
      })();

      // Each kill lands while the victim owns partitions and events are still flowing.
      const killedAt: number[] = [];
      for (let kill = 1; kill <= KILLS; kill++) {
        await victim.waitForStderr(/claimed partition/);
        const before = (await usageTotals(store)).requests;
        await waitFor(async () => (await usageTotals(store)).requests >= before + PROGRESS, `progress before kill ${kill}`);
        victim.child.kill("SIGKILL");
        expect((await victim.exited).signal).toBe("SIGKILL");
        killedAt.push((await usageTotals(store)).requests);
        await new Promise((r) => setTimeout(r, 300));
        victim = start();
      }
      expect(killedAt.every((n) => n < EVENTS)).toBe(true);

      // And once gracefully, still mid-stream: the batch in hand is finished and checkpointed, then a clean exit.
      await victim.waitForStderr(/claimed partition/);
      const beforeStop = (await usageTotals(store)).requests;
      await waitFor(async () => (await usageTotals(store)).requests >= Math.min(beforeStop + PROGRESS / 2, EVENTS), "progress before SIGTERM");
      victim.child.kill("SIGTERM");
      const graceful = await victim.exited;
      expect(graceful.code).toBe(0);
      expect(JSON.parse(victim.stdout().trim())).toMatchObject({ stopped: true, abandonedBatches: 0 });
      const stoppedAt = (await usageTotals(store)).requests;
      victim = start();
      await sending;
      expect(Object.values(hub.counts()).reduce((a, b) => a + b, 0)).toBe(EVENTS);

      await waitFor(async () => (await usageTotals(store)).requests >= EVENTS, "all events in the store", 90_000).catch(async (error) => {
        const lag = await runCli(["worker", "lag"], { env });
        throw new Error(
          `${(error as Error).message}: ${(await usageTotals(store)).requests} stored; lag ${lag.stdout}\n${workers.map((w, i) => `--- worker ${i}\n${w.stderr().split("\n").slice(-15).join("\n")}`).join("\n")}`,
        );
      });
      await waitFor(async () => json(await runCli(["worker", "lag"], { env })).every((p) => p.lag === 0), "every partition checkpointed to the end", 60_000);
      // The last restarted worker claims its share within a few balancing rounds; then both own partitions.
      // Its own log says so: two owner ids in the checkpoint store alone could be a killed life's stale claim.
      await victim.waitForStderr(/claimed partition/, 60_000);
      const ownership = () => checkpointStore(azurite).listOwnership("127.0.0.1", hub.hubName, "$Default");
      await waitFor(async () => new Set((await ownership()).map((o) => o.ownerId)).size === 2, "both workers owning partitions", 30_000);
      const owners = await ownership();
      for (const w of [steady, victim]) w.child.kill("SIGTERM");
      const [steadyExit, victimExit] = await Promise.all([steady.exited, victim.exited]);
      expect(steadyExit.code).toBe(0);
      expect(victimExit.code).toBe(0);

      expect(await usageTotals(store)).toMatchObject({ requests: EVENTS, totalTokens: expectedTokens });
      expect(await store.listQuarantined("all")).toEqual([]);

      // Both workers owned partitions: the steady one, and the victim in its lives.
      const claims = (w: RunningCli) => [...w.stderr().matchAll(/claimed partition (\d+)/g)].map((m) => m[1]);
      expect(claims(steady).length).toBeGreaterThan(0);
      expect(workers.slice(1).flatMap(claims).length).toBeGreaterThan(0);
      expect(new Set(owners.map((o) => o.ownerId)).size).toBe(2);
      const redelivered = workers.map((w) => [...w.stderr().matchAll(/claimed partition/g)].length);
      console.log(
        `fault test: killed at ${killedAt.join(", ")} events stored, SIGTERM at ${stoppedAt}; claims per worker life ${redelivered.join(", ")}; final owners ${owners.map((o) => `${o.partitionId}:${o.ownerId}`).join(" ")}`,
      );
      const summaries = [steady, victim].map(
        (w) => JSON.parse(w.stdout().trim().split("\n").at(-1)!) as { accepted: number; duplicates: number; partitionsClaimed: string[] },
      );
      expect(summaries.every((s) => s.partitionsClaimed.length > 0)).toBe(true);
      // Events were delivered more than once (and absorbed): the kills did hit between write and
      // checkpoint. Counted from every life's batch log, the killed ones' too: a redelivery often goes
      // to a life that is itself killed later, which never prints a summary.
      const absorbed = workers.map((w) =>
        w
          .stderr()
          .split("\n")
          .filter((line) => line.includes('"batch.written"'))
          .reduce((sum, line) => sum + Number(/"duplicates":(\d+)/.exec(line)?.[1] ?? 0), 0),
      );
      console.log(`fault test: duplicates absorbed per worker life: ${absorbed.join(", ")}`);
      expect(absorbed.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    });
  });
}

/** Holds SQLite's write lock briefly, again and again, without blocking the test's event loop. */
function storeHiccups(file: string) {
  const db = new Database(file, { timeout: 0 });
  let stopped = false;
  const timer = setInterval(() => {
    try {
      db.exec("BEGIN IMMEDIATE");
      setTimeout(() => !stopped && db.inTransaction && db.exec("COMMIT"), 100);
    } catch {
      // the workers hold it right now: skip this one
    }
  }, 250);
  return {
    stop: () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      if (db.inTransaction) db.exec("COMMIT");
      db.close();
    },
  };
}

const json = (r: { stdout: string }) => JSON.parse(r.stdout) as { partitionId: string; lag: number }[];
