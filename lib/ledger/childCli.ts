import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** How much of a child's stderr is kept: its last lines, where an error is. */
const STDERR_TAIL = 4000;

export type CliOutcome = { code: number | null; signal: string | null; stdout: string; stderr: string };
/** Runs one `chargeback` command in a child process; resolves when it exits, whatever its code. */
export type ChildCli = (args: readonly string[]) => Promise<CliOutcome>;

/**
 * `chargeback <args>` in a child process, started as the bin's own launch line starts it
 * (bin/chargeback.js: its node flags and malloc settings), with this process's environment (plus
 * `env`): the same store configuration, so what it stores this process reads. The bin is found
 * under `root`: the app's directory, /app in the image, the checkout when run from one.
 */
export function childCli({ root = process.cwd(), env = {} }: { root?: string; env?: Record<string, string> } = {}): ChildCli {
  const bin = path.join(root, "bin", "chargeback.js");
  // Read once: the bin's launch line does not change while this process runs.
  let launch: ReturnType<typeof launchLineOf> | undefined;
  return (args) =>
    new Promise((resolve) => {
      launch ??= launchLineOf(bin);
      const child = spawn(process.execPath, [...launch.nodeOptions, bin, ...args], {
        cwd: root,
        env: { ...process.env, ...launch.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        stdout += chunk;
      });
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
        stderr = (stderr + chunk).slice(-STDERR_TAIL);
      });
      let settled = false;
      const settle = (outcome: CliOutcome) => {
        if (!settled) resolve(outcome);
        settled = true;
      };
      child.on("error", (error) => settle({ code: null, signal: null, stdout, stderr: `${stderr}${error.message}` }));
      child.on("close", (code, signal) => settle({ code, signal, stdout, stderr }));
    });
}

/** The environment and node flags of the bin's first line, `#!/usr/bin/env -S NAME=value… node --flag…`. */
function launchLineOf(bin: string): { env: Record<string, string>; nodeOptions: string[] } {
  const first = fs.readFileSync(bin, "utf8").split("\n", 1)[0] ?? "";
  const words = first.startsWith("#!/usr/bin/env -S ") ? first.slice("#!/usr/bin/env -S ".length).trim().split(/\s+/) : [];
  const at = words.indexOf("node");
  const settings = at === -1 ? [] : words.slice(0, at);
  return {
    env: Object.fromEntries(settings.map((w) => [w.slice(0, w.indexOf("=")), w.slice(w.indexOf("=") + 1)])),
    nodeOptions: at === -1 ? [] : words.slice(at + 1),
  };
}

/** How a child that did not succeed ended, in words. */
export const endOf = ({ code, signal }: CliOutcome) => (signal ? `killed by ${signal}` : code === null ? "it could not start" : `exit code ${code}`);
