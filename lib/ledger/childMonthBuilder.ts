import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { errorField, logFor } from "../telemetry/log";
import type { MonthBuilder } from "./monthBuilder";

/** How much of a failed child's stderr is logged: its last lines, where the error is. */
const STDERR_TAIL = 4000;

/**
 * `chargeback month refresh <month>` in a child process, started as the bin's own launch line
 * starts it (bin/chargeback.js: its node flags and malloc settings), with this process's
 * environment: the same store configuration, so it builds and stores the parts this process then
 * reads. The bin is found under `root` (the app's directory: /app in the image, the checkout when
 * run from one). A child that fails rejects with a plain message; its stderr's tail is logged.
 */
export function childMonthBuilder({ root = process.cwd(), env = {} }: { root?: string; env?: Record<string, string> } = {}): MonthBuilder {
  const bin = path.join(root, "bin", "chargeback.js");
  return (month) =>
    new Promise<void>((resolve, reject) => {
      const launch = launchLineOf(bin);
      const child = spawn(process.execPath, [...launch.nodeOptions, bin, "month", "refresh", month], {
        cwd: root,
        env: { ...process.env, ...launch.env, ...env },
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.setEncoding("utf8");
      child.stderr.on("data", (chunk: string) => {
        stderr = (stderr + chunk).slice(-STDERR_TAIL);
      });
      let settled = false;
      const failed = (detail: string, fields: Record<string, unknown>) => {
        if (settled) return;
        settled = true;
        logFor("web").error({ event: "figures.childFailed", month, ...fields, stderr }, `building ${month}'s figures in a child process failed: ${detail}`);
        reject(new Error(`building ${month}'s figures failed (${detail}); see the server log`));
      };
      child.on("error", (error) => failed("it could not start", errorField(error)));
      child.on("close", (code, signal) => {
        if (code === 0 && !settled) resolve();
        else failed(signal ? `killed by ${signal}` : `exit code ${code}`, { code, signal });
      });
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
