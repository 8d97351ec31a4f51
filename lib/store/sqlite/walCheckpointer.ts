import path from "node:path";
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";
import { busyTimeout } from "./openDatabase";

/**
 * `afterCommit`: copy what is committed, in the background. `settle`: wait until every commit asked
 * for is copied. `stop`: settle, then hand checkpoints back to the connection.
 */
export type WalCheckpointer = { afterCommit: () => void; settle: () => Promise<void>; stop: () => Promise<void> };

// The thread's heap holds a connection and a message or two.
const HEAP_MB = 8;

/**
 * Moves a bulk load's checkpoints off the writing thread. By default SQLite copies the log into the
 * database file at the commit that passes 1,000 pages, on the committing thread: a bulk load's
 * commits (every 10 s, 120-140 MB of log each) then held that thread 0.75-0.9 s each, reading the
 * log, writing the file and waiting on two fsyncs, while the next events waited. Here the writing
 * connection stops checkpointing and a second connection, on a thread of its own, copies what the
 * last commit made durable while the writer goes on. Should a copy fail or the thread stop, the
 * writing connection takes its checkpoints back at once, so an error shows where it used to.
 * Undefined for a database without a log file (in memory, or not in WAL mode).
 */
export function startWalCheckpointer(db: Database.Database): WalCheckpointer | undefined {
  if (db.memory || db.pragma("journal_mode", { simple: true }) !== "wal") return undefined;
  const autocheckpoint = db.pragma("wal_autocheckpoint", { simple: true }) as number;
  const worker = new Worker(path.join(__dirname, "walCheckpointWorker.js"), {
    workerData: { file: db.name, timeoutMs: busyTimeout() },
    resourceLimits: { maxOldGenerationSizeMb: HEAP_MB, maxYoungGenerationSizeMb: HEAP_MB },
  });
  db.pragma("wal_autocheckpoint = 0");
  let handedBack = false;
  let copied: (() => void) | undefined; // settles the copy under way
  let running: Promise<void> | undefined;
  let again = false;
  const handBack = () => {
    if (!handedBack) db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
    handedBack = true;
  };
  const finish = (failed: boolean) => {
    if (failed) handBack();
    const done = copied;
    copied = undefined;
    done?.();
  };
  // For the thread's whole life, not only during a copy: an error between copies would otherwise
  // be unhandled, and a copy asked of a stopped thread would never answer.
  worker.on("message", (message: { done?: true; error?: string }) => finish(message.error !== undefined));
  worker.on("error", () => finish(true));
  worker.on("exit", () => finish(true));
  const run = (): Promise<void> =>
    new Promise<void>((resolve) => {
      if (handedBack) return resolve();
      copied = resolve;
      worker.postMessage("checkpoint");
    }).then(() => {
      running = undefined;
      // A commit made while this one copied: copy again.
      if (again && !handedBack) {
        again = false;
        running = run();
      }
    });
  const settle = async () => {
    while (running) await running;
  };
  return {
    afterCommit: () => {
      if (handedBack) return;
      if (running) again = true;
      else running = run();
    },
    settle,
    stop: async () => {
      await settle();
      handBack();
      await worker.terminate();
    },
  };
}
