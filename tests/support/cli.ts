import { execFile } from "node:child_process";
import path from "node:path";

const BIN = path.resolve(__dirname, "..", "..", "bin", "chargeback.js");

export type CliResult = { status: number | null; stdout: string; stderr: string };

/**
 * Runs the real `chargeback` bin in a child process, as a user or a script would. Never
 * synchronously: a test blocked on a child for long makes Vitest's own messages time out, and a
 * stand-in server in the test's process could not answer.
 */
export function runCli(args: string[], options: { db?: string; input?: string; cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: options.cwd,
        encoding: "utf8",
        env: { ...process.env, CHARGEBACK_DATABASE_URL: options.db ? `file:${options.db}` : undefined, DEBUG: "", ...options.env },
      },
      (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(options.input ?? "");
  });
}

export const json = <T = unknown>(r: CliResult): T => JSON.parse(r.stdout) as T;
