import { itemAt } from "../core/arrays";
import type { PreparedBatch } from "../events/processUsageBatch";
import type { UsageBatch, UsageBatchResult, UsageStore } from "../store/port";

/** When a group is written: `windowMs` after its first request, or as soon as it holds `maxEvents`. */
export type GroupCommitLimits = { windowMs: number; maxEvents: number };
// A few ms is far below a gateway's timeout, and at 1,000 requests/s it puts ~5 requests in a commit.
export const INTAKE_GROUP_COMMIT: GroupCommitLimits = { windowMs: 5, maxEvents: 2_000 };

export type CommitBatch = (batch: PreparedBatch, receivedAt: number) => Promise<UsageBatchResult>;

type Waiter = { batch: PreparedBatch; resolve: (result: UsageBatchResult) => void; reject: (error: unknown) => void };

/**
 * Group commit: the batches of many requests written in one store transaction, each request
 * answered with its own part of the result once that transaction has committed, so a success still
 * means stored. A failed commit fails every request in it and stores none of them (one
 * transaction), and each sender retries. Groups are written one at a time, in arrival order.
 * A batch with lines for quarantine is written on its own: the store counts new and repeated
 * quarantine rows per transaction, not per request.
 */
export function groupCommit(store: Pick<UsageStore, "saveUsageBatch">, limits: GroupCommitLimits = INTAKE_GROUP_COMMIT): CommitBatch {
  let open: { waiters: Waiter[]; events: number; receivedAt: number } | null = null;
  let timer: NodeJS.Timeout | undefined;
  let writing = Promise.resolve();

  const close = () => {
    clearTimeout(timer);
    const group = open;
    open = null;
    if (!group) return;
    writing = writing.then(() => write(group.waiters, group.receivedAt));
  };

  async function write(waiters: Waiter[], receivedAt: number): Promise<void> {
    const batch: UsageBatch = { events: waiters.flatMap((w) => w.batch.events), quarantined: waiters.flatMap((w) => w.batch.quarantined), receivedAt };
    let result: UsageBatchResult;
    try {
      result = await store.saveUsageBatch(batch);
    } catch (error) {
      for (const w of waiters) w.reject(error);
      return;
    }
    splitResult(waiters, result);
  }

  return (batch, receivedAt) =>
    new Promise<UsageBatchResult>((resolve, reject) => {
      const waiter = { batch, resolve, reject };
      if (batch.quarantined.length > 0) {
        close();
        writing = writing.then(() => write([waiter], receivedAt));
        return;
      }
      if (!open) {
        open = { waiters: [], events: 0, receivedAt };
        timer = setTimeout(close, limits.windowMs);
      }
      open.waiters.push(waiter);
      open.events += batch.events.length;
      if (open.events >= limits.maxEvents) close();
    });
}

const shared = new WeakMap<Pick<UsageStore, "saveUsageBatch">, CommitBatch>();

/** The one group commit of a store: every intake request on it joins the same groups. */
export function sharedGroupCommit(store: Pick<UsageStore, "saveUsageBatch">): CommitBatch {
  let commit = shared.get(store);
  if (!commit) shared.set(store, (commit = groupCommit(store)));
  return commit;
}

/**
 * Each request's slice of the group's result. Only conflicts can be quarantined in a group (see
 * above); rows already quarantined are counted against the last requests that had conflicts.
 */
function splitResult(waiters: Waiter[], { inserted, conflicted, quarantined }: UsageBatchResult): void {
  let at = 0;
  const parts = waiters.map((w) => {
    const slice = { inserted: inserted.slice(at, at + w.batch.events.length), conflicted: conflicted.slice(at, at + w.batch.events.length) };
    at += w.batch.events.length;
    return { ...slice, candidates: w.batch.quarantined.length + slice.conflicted.filter(Boolean).length };
  });
  let repeated = parts.reduce((sum, p) => sum + p.candidates, 0) - quarantined;
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = itemAt(parts, i);
    const duplicates = Math.min(repeated, p.candidates);
    repeated -= duplicates;
    itemAt(waiters, i).resolve({ inserted: p.inserted, conflicted: p.conflicted, quarantined: p.candidates - duplicates, quarantineDuplicates: duplicates });
  }
}
