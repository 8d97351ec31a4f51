import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createLineIdentities } from "../../../lib/events/lineIdentity";
import { prepareUsageBatch } from "../../../lib/events/processUsageBatch";
import type { IncomingEvent } from "../../../lib/store/port";
import { createEventInserter } from "../../../lib/store/sqlite/insertEvents";
import { v1Event } from "../../support/ingest";
import { freshStore } from "../../support/store";

const events = (requestIds: readonly string[]): IncomingEvent[] =>
  prepareUsageBatch(
    requestIds.map((requestId, i) => ({ text: v1Event({ requestId }), source: `test.ndjson:${i + 1}` })),
    createLineIdentities(),
  ).events;

describe("the fact insert", () => {
  it("says which events were new when a multi-row statement meets stored ones, repeats within the batch, and rows another writer appended", () => {
    const { file } = freshStore();
    const db = new Database(file);
    const insert = createEventInserter(db);
    const inTransaction = (batch: IncomingEvent[]) => db.transaction(() => insert(batch, 1))();
    const ids = Array.from({ length: 300 }, (_, i) => `r-${String(i).padStart(3, "0")}`);

    // Every seventh stored first, then a row appended by another connection (a larger rowid).
    expect(inTransaction(events(ids.filter((_, i) => i % 7 === 0)))).toEqual(ids.filter((_, i) => i % 7 === 0).map(() => true));
    const other = new Database(file);
    expect(createEventInserter(other)(events(["elsewhere"]), 1)).toEqual([true]);
    other.close();

    // 300 + 10 repeats within the batch: full 64-row statements and single rows, each mixing new and stored ids.
    const batch = [...ids, ...ids.slice(100, 110)];
    const expected = batch.map((_, i) => i < ids.length && i % 7 !== 0);
    expect(inTransaction(events(batch))).toEqual(expected);
    expect(inTransaction(events(batch))).toEqual(batch.map(() => false));
    expect(db.prepare("SELECT count(*) FROM UsageEvent").pluck().get()).toBe(301);

    // The table's last rows deleted (a purge): new rows take rowids again from below the old largest.
    db.exec("DELETE FROM UsageEvent WHERE id >= 'req:r-250'");
    expect(inTransaction(events(batch))).toEqual(batch.map((id, i) => i < ids.length && id >= "r-250"));
    db.close();
  });
});
