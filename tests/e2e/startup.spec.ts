import { spawn } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { root } from "./personas";

/** Starts the built web app with `env` and waits for it to exit (or to serve, which is a failure here). */
function startWebApp(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "start", "-p", "3199", "-H", "127.0.0.1"], {
    cwd: root,
    // `next start` runs in production whatever it is given; saying so keeps the test honest.
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", CHARGEBACK_DATABASE_URL: "file:/nonexistent/never-opened.db", ...env },
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d));
  child.stderr.on("data", (d: Buffer) => (output += d));
  const timer = setTimeout(() => child.kill(), 30_000);
  return new Promise((resolve) => child.on("exit", (code) => (clearTimeout(timer), resolve({ code, output }))));
}

test("the web app refuses to start with persona sign-in in production, and without a session secret", async () => {
  const secret = { CHARGEBACK_SESSION_SECRET: "s".repeat(40) };
  const refused = await startWebApp({ ...secret, CHARGEBACK_LOCAL_SIGNIN: "1" });
  expect(refused.code).toBe(1);
  expect(refused.output).toContain("chargeback web: refusing to start: local persona sign-in (CHARGEBACK_LOCAL_SIGNIN) is for workstations, never production");

  const noSecret = await startWebApp({ CHARGEBACK_LOCAL_SIGNIN: "1", CHARGEBACK_RUNTIME: "local" });
  expect(noSecret.code).toBe(1);
  expect(noSecret.output).toContain("CHARGEBACK_SESSION_SECRET is required");
  expect(noSecret.output).not.toMatch(/\n\s+at /);
});
