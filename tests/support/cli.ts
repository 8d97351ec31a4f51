import { execFile, spawnSync } from "node:child_process";
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
 * The same, without blocking this process: for commands that talk to a stand-in server running
 * in the test's own process, which could not answer while a synchronous child waits.
 */
export function runCliAsync(args: string[], options: { db?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, CHARGEBACK_DATABASE_URL: options.db ? `file:${options.db}` : undefined, DEBUG: "", ...options.env } }, (error, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}
