import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { StoreFailure, storeFailure } from "../../../lib/store/storeFailure";
import { freshStore } from "../../support/store";

/** The error SQLite really raises, caught. */
function caught(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error("expected the work to fail");
}

describe("store failures", () => {
  it("say what happened and what to do when the disk is full", () => {
    const { dir } = freshStore();
    const db = new Database(path.join(dir, "small.db"));
    db.exec("CREATE TABLE t (x TEXT)");
    db.pragma("max_page_count = 3"); // the file may not grow: what a full disk looks like to SQLite
    const error = caught(() => db.prepare("INSERT INTO t VALUES (?)").run("x".repeat(100_000)));
    db.close();
    const failure = storeFailure(error);
    expect(failure).toBeInstanceOf(StoreFailure);
    expect(failure?.message).toBe(
      "the disk holding the store is full: what was being written was rolled back; free some space and run the command again (ingest adds only what is missing)",
    );
    expect(failure?.exitCode).toBe(74);
  });

  it("say so when another process kept the store locked too long", () => {
    const { file } = freshStore();
    const holder = new Database(file);
    holder.prepare("BEGIN IMMEDIATE").run();
    const waiter = new Database(file, { timeout: 0 });
    const error = caught(() => waiter.prepare("INSERT INTO IdempotencyKey (key, digest, at) VALUES ('k', 'd', 1)").run());
    holder.prepare("ROLLBACK").run();
    holder.close();
    waiter.close();
    expect(storeFailure(error)?.message).toMatch(/^another process kept the store locked too long: .*run the command again when it has finished/);
    expect(storeFailure(error)?.exitCode).toBe(75);
    expect(storeFailure(error)?.message).toMatch(/\(database is locked, SQLITE_BUSY\)$/);
  });

  it("name the kind of lock: one refused at once because another process wrote since this one read", () => {
    const { file } = freshStore();
    const reader = new Database(file);
    reader.pragma("journal_mode = WAL");
    const writer = new Database(file);
    reader.prepare("BEGIN").run();
    reader.prepare("SELECT count(*) FROM IdempotencyKey").get(); // the reader's snapshot starts here
    writer.prepare("INSERT INTO IdempotencyKey (key, digest, at) VALUES ('a', 'd', 1)").run();
    const error = caught(() => reader.prepare("INSERT INTO IdempotencyKey (key, digest, at) VALUES ('b', 'd', 1)").run());
    reader.prepare("ROLLBACK").run();
    reader.close();
    writer.close();
    expect(storeFailure(error)?.message).toMatch(/\(database is locked, SQLITE_BUSY_SNAPSHOT\)$/);
    expect(storeFailure(error)?.exitCode).toBe(75);
  });

  it("leave other errors alone: they are bugs, with a stack under DEBUG", () => {
    expect(storeFailure(new TypeError("x is undefined"))).toBeNull();
  });
});
