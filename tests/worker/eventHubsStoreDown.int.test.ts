import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { useEventHubsRig } from "../support/eventHubsRig";
import { checkpointStore, sendToPartitions, usageTotals } from "../support/hubEvents";
import { v1Event } from "../support/ingest";
import { freshStore } from "../support/store";
import { hubEnv, startCli, waitFor } from "../support/workerProcess";

const lastJson = (text: string) => JSON.parse(text.trim().split("\n").at(-1)!) as Record<string, unknown>;

describe("the Event Hubs worker while the store refuses writes", () => {
  const rig = useEventHubsRig({ store: false });

  // Making the store refuse writes is adapter-specific: here, another SQLite connection holds the write lock.
  it.skipIf((process.env.CHARGEBACK_STORE || "sqlite") !== "sqlite")(
    "retries the batch with backoff, never checkpoints past it, leaves it for redelivery on SIGTERM, and writes it once the store is back",
    async () => {
      const { store, file } = freshStore();
      // A short wait for the lock, so that a held lock reads as a store refusing writes.
      const env = { ...hubEnv(rig.hub, rig.azurite), CHARGEBACK_DATABASE_URL: `file:${file}`, CHARGEBACK_SQLITE_BUSY_TIMEOUT_SECONDS: "3" };
      const checkpoints = () => checkpointStore(rig.azurite).listCheckpoints("127.0.0.1", rig.hub.hubName, "$Default");
      await sendToPartitions(rig.hub, { "0": Array.from({ length: 10 }, (_, i) => ({ body: Buffer.from(v1Event({ requestId: `down-${i}` })) })) });

      // Another connection holds the write lock: every write times out (SQLITE_BUSY) as if the store were down.
      const lock = new Database(file);
      lock.exec("BEGIN EXCLUSIVE");
      try {
        const first = startCli(["worker", "--source", "eventhubs", "--max-batch-size", "10", "--max-wait-seconds", "1"], env);
        await first.waitForStderr(/partition 0 #0–9 not written \(attempt 1: database is locked\); trying again in \d+ ms/, 60_000);
        first.child.kill("SIGTERM");
        const stopped = await first.exited;
        expect(stopped.code).toBe(0);
        expect(first.stderr()).toMatch(/partition 0 #0–9 not written \(database is locked\); not checkpointed, it will be delivered again/);
        expect(lastJson(first.stdout())).toMatchObject({ stopped: true, accepted: 0, abandonedBatches: 1 });
        expect(await checkpoints()).toEqual([]);

        const second = startCli(["worker", "--source", "eventhubs", "--max-batch-size", "10", "--max-wait-seconds", "1"], env);
        await second.waitForStderr(/attempt 2: database is locked/, 60_000);
        expect(await checkpoints()).toEqual([]);
        lock.exec("ROLLBACK");
        await waitFor(async () => (await checkpoints()).some((c) => c.partitionId === "0" && c.sequenceNumber === 9), "the checkpoint after the write");
        second.child.kill("SIGTERM");
        expect((await second.exited).code).toBe(0);
        expect(lastJson(second.stdout())).toMatchObject({ accepted: 10, duplicates: 0, abandonedBatches: 0 });
        expect((lastJson(second.stdout()).retries as number) >= 2).toBe(true);
        expect(await usageTotals(store)).toMatchObject({ requests: 10 });
      } finally {
        if (lock.inTransaction) lock.exec("ROLLBACK");
        lock.close();
      }
    },
  );
});
