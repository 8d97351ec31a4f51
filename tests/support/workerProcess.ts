import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { loadConfig } from "../../lib/config/schema";
import { CosmosStore } from "../../lib/store/cosmos/cosmosStore";
import { cosmosOptions } from "../../lib/store/cosmosOptions";
import type { UsageStore } from "../../lib/store/port";
import { SqliteStore } from "../../lib/store/sqlite/sqliteStore";
import type { Azurite } from "./azurite";
import type { EventHubsStandIn } from "./eventHubsStandIn";

const BIN = path.resolve(__dirname, "..", "..", "bin", "chargeback.js");

/**
 * The store the worker processes write to and the test reads back: the one place tests choose it.
 * By default a migrated SQLite file of its own (copied from the run's template); with
 * `CHARGEBACK_STORE=cosmos`, the Cosmos DB account its settings in the environment name (which the
 * workers inherit). Call `close` when done.
 */
export function workerStore(): { store: UsageStore; env: Record<string, string>; kind: string; close: () => Promise<void> } {
  const kind = process.env.CHARGEBACK_STORE || "sqlite";
  if (kind === "cosmos") {
    // Opened here rather than by openStore, which loads the Cosmos adapter with Node's require (Vitest's modules are not Node's).
    const store = CosmosStore.open(cosmosOptions(loadConfig()), { create: true });
    return { store, env: {}, kind, close: () => store.close() };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chargeback-worker-"));
  const file = path.join(dir, "chargeback.db");
  fs.copyFileSync(inject("templateDb"), file);
  const store = SqliteStore.open(file);
  return {
    store,
    env: { CHARGEBACK_DATABASE_URL: `file:${file}` },
    kind,
    close: async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The worker's hub settings for the local stand-ins; partitions are claimed fast, as in tests only. */
export function hubEnv(hub: EventHubsStandIn, azurite: Azurite, container = "checkpoints"): Record<string, string> {
  return {
    CHARGEBACK_EVENTHUB_CONNECTION_STRING: hub.connectionString,
    CHARGEBACK_EVENTHUB_NAME: hub.hubName,
    CHARGEBACK_CHECKPOINT_CONNECTION_STRING: azurite.connectionString,
    CHARGEBACK_CHECKPOINT_CONTAINER: container,
    CHARGEBACK_EVENTHUB_LOAD_BALANCING: "greedy",
    CHARGEBACK_EVENTHUB_LOAD_BALANCING_INTERVAL_MS: "500",
    CHARGEBACK_EVENTHUB_OWNERSHIP_EXPIRY_MS: "3000",
  };
}

export type RunningCli = {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once stderr has matched `pattern` (e.g. a claimed partition). */
  waitForStderr: (pattern: RegExp, timeoutMs?: number) => Promise<void>;
};

/**
 * Starts the real `chargeback` bin asynchronously: the test process must keep answering as the
 * stand-in servers while the child runs, so never spawnSync here.
 */
export function startCli(args: string[], env: Record<string, string>): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, DEBUG: "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("close", (code, signal) => resolve({ code, signal })),
  );
  const waitForStderr = async (pattern: RegExp, timeoutMs = 30_000) => {
    const until = Date.now() + timeoutMs;
    while (!pattern.test(err)) {
      if (child.exitCode !== null || Date.now() > until) throw new Error(`no ${pattern} from the worker; stderr:\n${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, stdout: () => out, stderr: () => err, exited, waitForStderr };
}

/** Waits until `check` holds or `timeoutMs` passes; says which. For a moment to act at, not an assertion. */
export async function waitAtMost(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
  return true;
}

export async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
