import path from "node:path";
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";
import { busyTimeout } from "./openDatabase";

/** Asked after each commit of a bulk load; `stop` waits until every commit asked for is copied, then hands checkpoints back to the connection. */
export type WalCheckpointer = { afterCommit: () => void; stop: () => Promise<void> };

// The thread's heap holds a connection and a message or two.
const HEAP_MB = 8;

/**
 * Moves a bulk load's checkpoints off the writing thread. By default SQLite copies the log into the
 * database file at the commit that passes 1,000 pages, on the committing thread: a bulk load's
 * commits (every 10 s, 120-140 MB of log each) then held that thread 0.75-0.9 s each, reading the
 * log, writing the file and waiting on two fsyncs, while the next events waited. Here the writing
 * connection stops checkpointing and a second connection, on a thread of its own, copies what the
 * last commit made durable while the writer goes on. Should that fail, the writing connection takes
 * its checkpoints back at once, so an error shows where it used to. Undefined for a database
 * without a log file (in memory, or not in WAL mode).
 */
export function startWalCheckpointer(db: Database.Database): WalCheckpointer | undefined {
  if (db.memory || db.pragma("journal_mode", { simple: true }) !== "wal") return undefined;
  const autocheckpoint = db.pragma("wal_autocheckpoint", { simple: true }) as number;
  db.pragma("wal_autocheckpoint = 0");
  const worker = new Worker(path.join(__dirname, "walCheckpointWorker.js"), {
    workerData: { file: db.name, timeoutMs: busyTimeout() },
    resourceLimits: { maxOldGenerationSizeMb: HEAP_MB, maxYoungGenerationSizeMb: HEAP_MB },
  });
  let handedBack = false;
  let running: Promise<void> | undefined;
  let again = false;
  const handBack = () => {
    if (!handedBack) db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
    handedBack = true;
  };
  const run = (): Promise<void> =>
    new Promise<void>((resolve) => {
      const settle = (message: { done?: true; error?: string }) => {
        worker.off("error", onError);
        if (message.error !== undefined) handBack();
        resolve();
      };
      const onError = () => settle({ error: "the checkpoint thread stopped" });
      worker.once("message", settle);
      worker.once("error", onError);
      worker.postMessage("checkpoint");
    }).then(() => {
      running = undefined;
      // A commit made while this one copied: copy again, so the log does not grow until the end.
      if (again && !handedBack) {
        again = false;
        running = run();
      }
    });
  return {
    afterCommit: () => {
      if (handedBack) return;
      if (running) again = true;
      else running = run();
    },
    stop: async () => {
      while (running) await running;
      await worker.terminate();
      handBack();
    },
  };
}
