import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { freshStore } from "../../support/store";

describe("SQLite rollup tables", () => {
  // Prisma cannot say WITHOUT ROWID, and a migration it writes to redefine a table drops it: this
  // catches that (a rowid table repeats its whole text key in a second B-tree, twice the bytes).
  it("are keyed by their composite key alone (WITHOUT ROWID) after every migration", async () => {
    const { store, file } = freshStore();
    await store.listDailyUsage("2026-11-01", "2026-12-01"); // migrates
    const db = new Database(file, { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%WITHOUT ROWID' ORDER BY name").pluck().all();
    db.close();
    await store.close();
    expect(tables).toEqual(expect.arrayContaining(["DailyDimensionUsage", "DailyOutcome", "DailyUsage", "HourlyAppUsage"]));
  });
});
