import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { json, runCli } from "../support/cli";
import { v1Event } from "../support/ingest";
import { freshStore } from "../support/store";

function writeEvents(dir: string, name: string, count: number): string {
  const input = path.join(dir, `${name}.ndjson`);
  const lines = Array.from({ length: count }, (_, i) => v1Event({ requestId: `${name}-${i}`, appId: `app-${i % 7}`, tags: { project: `p${i % 50}` } }));
  fs.writeFileSync(input, `${lines.join("\n")}\n`);
  return input;
}

describe("several `chargeback ingest` processes on one SQLite file", () => {
  it("wait out another writer's long transaction (here 15 s) instead of dying with `database is locked`", { timeout: 120_000 }, async () => {
    const { file, dir, store } = freshStore();
    await store.close();
    const input = writeEvents(dir, "late", 1_000);
    // Another process in the middle of a big batch: it holds the write lock for seconds.
    const other = new Database(file);
    other.prepare("BEGIN IMMEDIATE").run();
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        other.prepare("COMMIT").run();
        other.close();
        resolve();
      }, 15_000),
    );
    const result = await runCli(["ingest", input], { db: file });
    await released;
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(json(result)).toMatchObject({ accepted: 1_000, duplicates: 0 });
  });

  it("all finish when three run at once, each counting its own events", { timeout: 120_000 }, async () => {
    const { file, dir, store } = freshStore();
    await store.close();
    const inputs = ["a", "b", "c"].map((name) => writeEvents(dir, name, 20_000));
    const results = await Promise.all(inputs.map((input) => runCli(["ingest", input], { db: file })));
    expect(results.map((r) => [r.status, r.stderr])).toEqual(inputs.map(() => [0, ""]));
    expect(results.map((r) => json<{ accepted: number }>(r).accepted)).toEqual([20_000, 20_000, 20_000]);
  });
});
