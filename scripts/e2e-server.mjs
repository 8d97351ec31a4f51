// The web app for the browser tests: a fresh store with the demo data, served by the production build.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const port = process.argv[2] ?? "3101";
const dir = path.join(root, "test-results", "e2e-store");
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  CHARGEBACK_DATABASE_URL: `file:${path.join(dir, "chargeback.db")}`,
  CHARGEBACK_LOCAL_SIGNIN: "1",
  CHARGEBACK_RUNTIME: "local",
  CHARGEBACK_SESSION_SECRET: randomBytes(32).toString("base64url"),
};

const load = spawnSync(process.execPath, [path.join(root, "bin", "chargeback.js"), "demo", "load", "--dir", path.join(dir, "demo")], { cwd: root, env, stdio: "inherit" });
if (load.status !== 0) process.exit(load.status ?? 1);
const next = spawn(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "start", "-p", port, "-H", "127.0.0.1"], { cwd: root, env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => next.kill(signal));
next.on("exit", (code) => process.exit(code ?? 0));
