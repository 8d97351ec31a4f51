import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, inject } from "vitest";
import { SqliteStore } from "../../lib/store/sqlite/sqliteStore";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A migrated SQLite store of its own for one test, removed afterwards. */
export function freshStore(): { store: SqliteStore; file: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chargeback-test-"));
  const file = path.join(dir, "chargeback.db");
  fs.copyFileSync(inject("templateDb"), file);
  const store = SqliteStore.open(file);
  cleanups.push(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { store, file, dir };
}
