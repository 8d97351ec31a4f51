import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { freshStore } from "../../support/store";

// Prisma cannot say WITHOUT ROWID, views or triggers, and a migration it writes to redefine a table
// drops them: these catch that (docs/rollup-size.md), and the catalog version's triggers too.
describe("SQLite rollup tables", () => {
  const schema = async () => {
    const { store, file } = freshStore();
    await store.listDailyUsage("2026-11-01", "2026-12-01"); // migrates
    const db = new Database(file, { readonly: true });
    const names = (sql: string) => db.prepare(sql).pluck().all() as string[];
    const found = {
      withoutRowid: names("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%WITHOUT ROWID' ORDER BY name"),
      views: names("SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name"),
      triggers: names("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name"),
    };
    db.close();
    await store.close();
    return found;
  };

  // A rowid table repeats its whole text key in a second B-tree: twice the bytes.
  it("are keyed by their composite key alone (WITHOUT ROWID) after every migration", async () => {
    expect((await schema()).withoutRowid).toEqual(expect.arrayContaining(["DailyDimensionUsageSums", "DailyOutcome", "DailyUsageSums", "HourlyAppUsageSums"]));
  });

  it("are read and written under their old names through views whose inserts add and whose deletes remove", async () => {
    const { views, triggers } = await schema();
    expect(views).toEqual(["DailyDimensionUsage", "DailyUsage", "HourlyAppUsage"]);
    expect(triggers.filter((t) => !t.includes("_catalog_"))).toEqual(views.flatMap((v) => [`${v}_delete`, `${v}_insert`]));
  });

  // The catalog version (lib/ledger/catalogCache.ts) is only as good as these: a table redefined without them would leave a stale catalog cached.
  it("bump the catalog version on every change to what a cached catalog holds", async () => {
    const { triggers } = await schema();
    expect(triggers.filter((t) => t.includes("_catalog_"))).toEqual(
      ["App", "ClosedMonth", "Discount", "Markup", "OrgMapping", "SplitRule"].flatMap((t) => [
        `${t}_catalog_delete`,
        `${t}_catalog_insert`,
        `${t}_catalog_update`,
      ]),
    );
  });
});
