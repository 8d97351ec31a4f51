import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { acceptEvents } from "../../../lib/intake/acceptEvents";
import { groupCommit } from "../../../lib/intake/groupCommit";
import { createLineIdentities } from "../../../lib/events/lineIdentity";
import { prepareUsageBatch } from "../../../lib/events/processUsageBatch";
import { loadPricer } from "../../../lib/pricing/loadPricer";
import type { UsageBatch } from "../../../lib/store/port";
import { v1Event } from "../../support/ingest";
import { freshStore } from "../../support/store";

const sender = { id: "k1", source: "apim-test" };
const call = (n: number, overrides: Record<string, unknown> = {}) => v1Event({ requestId: `call-${n}`, ...overrides });
const storedIds = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT id FROM UsageEvent ORDER BY id").pluck().all() as string[];
  } finally {
    db.close();
  }
};

describe("the HTTP intake's group commit", () => {
  it("writes requests that arrive together in one transaction, and answers each only once its event is stored", async () => {
    const { store, file } = freshStore();
    const transactions: number[] = [];
    const counting = { saveUsageBatch: (batch: UsageBatch) => (transactions.push(batch.events.length), store.saveUsageBatch(batch)) };
    const commit = groupCommit(counting, { windowMs: 20, maxEvents: 1_000 });
    const answers = await Promise.all(
      Array.from({ length: 12 }, async (_, n) => {
        const result = await commit(prepareUsageBatch([{ text: call(n), source: `http:apim#${n}` }], createLineIdentities()), Date.now());
        // Answered means stored: the event is readable from another connection at that moment.
        return { result, stored: storedIds(file).includes(`req:call-${n}`) };
      }),
    );
    expect(transactions).toEqual([12]);
    expect(answers.every((a) => a.stored && a.result.inserted[0] === true)).toBe(true);
  });

  it("starts a new transaction once one holds its most events", async () => {
    const { store } = freshStore();
    const transactions: number[] = [];
    const counting = { saveUsageBatch: (batch: UsageBatch) => (transactions.push(batch.events.length), store.saveUsageBatch(batch)) };
    const commit = groupCommit(counting, { windowMs: 1_000, maxEvents: 5 });
    const prepared = (n: number) => prepareUsageBatch([{ text: call(n), source: "http:apim#1" }], createLineIdentities());
    await Promise.all(Array.from({ length: 10 }, (_, n) => commit(prepared(n), Date.now())));
    expect(transactions).toEqual([5, 5]);
  });

  it("fails every request of a failed commit, stores none of them, and takes them all when they are sent again", async () => {
    const { store, file } = freshStore();
    const pricer = await loadPricer(store);
    const db = new Database(file);
    // A real write failure inside the group's transaction: the last event's insert is refused.
    db.exec("CREATE TRIGGER refuse BEFORE INSERT ON UsageEvent WHEN NEW.appId = 'app-full' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    const bodies = [[call(1)], [call(2), call(3)], [call(4, { appId: "app-full" })]];
    const send = () => Promise.allSettled(bodies.map((lines) => acceptEvents(store, pricer, sender, lines, null)));
    const failed = await send();
    expect(failed.map((a) => a.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(String((failed[0] as PromiseRejectedResult).reason)).toContain("database or disk is full");
    expect(storedIds(file)).toEqual([]);
    expect(await store.listDailyUsage("2026-11-10", "2026-11-11")).toEqual([]);

    db.exec("DROP TRIGGER refuse");
    db.close();
    const retried = await send();
    expect(retried.map((a) => (a.status === "fulfilled" ? a.value.accepted : -1))).toEqual([1, 2, 1]);
    expect(storedIds(file)).toEqual(["req:call-1", "req:call-2", "req:call-3", "req:call-4"]);
  });

  it("counts an event sent in several requests of the same transaction, and sent again later, exactly once", async () => {
    const { store, file } = freshStore();
    const pricer = await loadPricer(store);
    const together = await Promise.all([
      acceptEvents(store, pricer, sender, [call(7)], null),
      acceptEvents(store, pricer, { id: "k2", source: "apim-other" }, [call(7), call(8)], null),
      acceptEvents(store, pricer, sender, [call(7)], null),
    ]);
    expect(together.map((s) => [s.accepted, s.duplicates])).toEqual([
      [1, 0],
      [1, 1],
      [0, 1],
    ]);
    expect(await acceptEvents(store, pricer, sender, [call(7), call(8)], null)).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(storedIds(file)).toEqual(["req:call-7", "req:call-8"]);
    const [row] = await store.listDailyUsage("2026-11-10", "2026-11-11");
    expect(row).toMatchObject({ requests: 2n, totalTokens: 2200n });
  });

  it("keeps each request's own count of quarantined lines and conflicts", async () => {
    const { store } = freshStore();
    const pricer = await loadPricer(store);
    await acceptEvents(store, pricer, sender, [call(9)], null);
    const conflicting = call(9, { promptTokens: 5_000, totalTokens: 5_100 });
    const answers = await Promise.all([
      acceptEvents(store, pricer, sender, [conflicting], null),
      acceptEvents(store, pricer, sender, ["{not json", call(10)], null),
      acceptEvents(store, pricer, sender, [call(11)], null),
    ]);
    expect(answers.map((s) => [s.accepted, s.duplicates, s.quarantined])).toEqual([
      [0, 0, 1],
      [1, 0, 1],
      [1, 0, 0],
    ]);
  });
});
