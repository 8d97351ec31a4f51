import { spawn, spawnSync } from "node:child_process";
import path from "node:path";

const BIN = path.resolve(__dirname, "..", "..", "bin", "chargeback.js");

export type CliResult = { status: number | null; stdout: string; stderr: string };

/** Runs the real `chargeback` bin in a child process, as a user or a script would. */
export function runCli(args: string[], options: { db?: string; input?: string; cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    input: options.input,
    encoding: "utf8",
    env: { ...process.env, CHARGEBACK_DATABASE_URL: options.db ? `file:${options.db}` : undefined, DEBUG: "", ...options.env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export const json = <T = unknown>(r: CliResult): T => JSON.parse(r.stdout) as T;

/**
 * Runs the bin without blocking this process: needed when a server in this process (the Cosmos
 * test server) must answer the CLI while it runs.
 */
export function runCliAsync(args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, DEBUG: "", ...options.env } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}
