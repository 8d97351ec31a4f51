import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { Azurite } from "./azurite";
import type { CliResult } from "./cli";
import type { EventHubsStandIn } from "./eventHubsStandIn";

const BIN = path.resolve(__dirname, "..", "..", "bin", "chargeback.js");

/**
 * Where the worker processes keep usage: the one place tests choose the store, so the same tests
 * can run against another adapter (e.g. `CHARGEBACK_STORE=cosmos` and its settings in the environment).
 */
export function storeEnv(db: string): Record<string, string> {
  return process.env.CHARGEBACK_STORE && process.env.CHARGEBACK_STORE !== "sqlite" ? {} : { CHARGEBACK_DATABASE_URL: `file:${db}` };
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
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("close", (code, signal) => resolve({ code, signal })));
  const waitForStderr = async (pattern: RegExp, timeoutMs = 30_000) => {
    const until = Date.now() + timeoutMs;
    while (!pattern.test(err)) {
      if (child.exitCode !== null || Date.now() > until) throw new Error(`no ${pattern} from the worker; stderr:\n${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, stdout: () => out, stderr: () => err, exited, waitForStderr };
}

/** Runs a short command (e.g. `worker lag`) to completion without blocking the test process. */
export async function runCliAsync(args: string[], env: Record<string, string>): Promise<CliResult> {
  const run = startCli(args, env);
  const { code } = await run.exited;
  return { status: code, stdout: run.stdout(), stderr: run.stderr() };
}

export async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
