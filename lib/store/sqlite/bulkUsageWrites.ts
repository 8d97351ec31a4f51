import fs from "node:fs";
import type Database from "better-sqlite3";
import type { BulkUsageWrites, UsageBatch, UsageBatchResult } from "../port";
import { openDatabase } from "./openDatabase";
import { createUsageWriter } from "./usageWriter";
import { startWalCheckpointer } from "./walCheckpointer";

/**
 * When a bulk load commits: each commit writes every page its transaction touched, and event ids
 * are random, so a commit rewrites most of the id index however few events it holds. Few large
 * commits keep that cost in proportion to the events; the time bound keeps the write lock's hold
 * within seconds for the worker and the web app (their busy timeout is minutes).
 */
export const BULK_COMMIT = { maxEvents: 500_000, withinMs: 10_000, logMostBytes: 512 * 1024 * 1024 };

// The page cache of a bulk load, in KiB (SQLite's negative form), twice the connection's 16 MB:
// the id index's pages then leave the cache less often between two events that change them, and
// each time one leaves dirty it is written to the log. On the 1M-event bench file: 6-8 s of system
// time instead of 10-12 and ~10 % less wall time, for 10-25 MB more peak RSS (48 MB: no clear gain
// over 32, and 296 MB of RSS against the 300 MB budget). Bounded, so flat in N.
const BULK_CACHE_KIB = 32_000;

/**
 * Runs `write` over the batches in the open transaction, committing per BULK_COMMIT, each commit
 * after the sums `write` holds are written. A batch that fails rolls the whole transaction back
 * (and `write` forgets its sums): no savepoint per batch, whose journal would copy every page the
 * batch changes. Each commit's log is copied into the database file on another thread while the
 * next batches are written (walCheckpointer.ts).
 */
export async function saveInBulk(
  db: Database.Database,
  write: { inOpenTransaction: (batch: UsageBatch) => UsageBatchResult; flush: () => void; discard: () => void },
  batches: AsyncIterable<UsageBatch>,
  onSaved: (batch: UsageBatch, result: UsageBatchResult) => void,
  limits = BULK_COMMIT,
): Promise<void> {
  let events = 0;
  let began = 0;
  const checkpointer = startWalCheckpointer(db);
  const log = `${db.name}-wal`;
  const commit = async () => {
    write.flush();
    db.exec("COMMIT");
    checkpointer?.afterCommit();
    // SQLite starts the log over only at a BEGIN that finds all of it copied; copied behind the
    // writer, it never is, so the log would grow for the whole load. Past the bound, the next
    // BEGIN waits for the copy under way (one commit's worth) and the log starts over; the
    // journal size limit of 0 then cuts the file to what that transaction wrote at its commit,
    // so the file's size is again the log's, and the commits after it do not wait.
    if ((fs.statSync(log, { throwIfNoEntry: false })?.size ?? 0) > limits.logMostBytes) await checkpointer?.settle();
  };
  try {
    const cache = db.pragma("cache_size", { simple: true }) as number;
    const sizeLimit = db.pragma("journal_size_limit", { simple: true }) as number;
    db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
    db.pragma("journal_size_limit = 0");
    try {
      for await (const batch of batches) {
        if (!db.inTransaction) {
          // The write lock at BEGIN, as saveUsageBatch takes it: no failing upgrade of a read snapshot.
          db.exec("BEGIN IMMEDIATE");
          events = 0;
          began = performance.now();
        }
        onSaved(batch, write.inOpenTransaction(batch));
        events += batch.events.length;
        if (events >= limits.maxEvents || performance.now() - began >= limits.withinMs) await commit();
      }
      if (db.inTransaction) await commit();
    } finally {
      if (db.inTransaction) {
        write.discard();
        db.exec("ROLLBACK");
      }
      db.pragma(`cache_size = ${cache}`);
      db.pragma(`journal_size_limit = ${sizeLimit}`);
    }
  } finally {
    await checkpointer?.stop(); // whatever failed above: the thread ends and the connection checkpoints again
  }
}

/**
 * The bulk writes of the (migrated) store in `file` on a connection of their own, without the rest
 * of the store (its Prisma client, its other tables' statements): what a writing thread opens.
 */
export function openBulkUsageWrites(file: string): BulkUsageWrites & { close: () => void } {
  const db = openDatabase(file);
  let write: ReturnType<typeof createUsageWriter>;
  try {
    write = createUsageWriter(db);
  } catch (error) {
    db.close(); // a schema it cannot prepare for: the connection goes with the failure
    throw error;
  }
  return {
    databaseFile: file,
    saveUsageBatches: (batches, onSaved) => saveInBulk(db, write, batches, onSaved),
    close: () => db.close(),
  };
}
