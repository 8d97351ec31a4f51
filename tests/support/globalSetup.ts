import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { SqliteStore } from "../../lib/store/sqlite/sqliteStore";

/** Migrates one template database per run; each test copies it instead of migrating again. */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chargeback-template-"));
  const file = path.join(dir, "template.db");
  const store = SqliteStore.open(file);
  await store.close();
  project.provide("templateDb", file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
  }
}
