// `npm start`: the product on the embedded store. Migrates ./data/chargeback.db and loads the demo
// data through the real pipeline the first time, builds the web app when its sources changed,
// then runs the web app (http://localhost:3000) and the ingest worker until Ctrl+C. `--dev` (npm run
// dev) serves the sources with hot reload instead of the build.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { serveWeb } from "./webServer.mjs";

const root = path.resolve(import.meta.dirname, "..");
if (process.env.NODE_ENV === "production") {
  console.error(
    "start: refusing to run with NODE_ENV=production: `npm start` is the workstation demo and signs people in as personas; in production run `node scripts/serve.mjs` with Entra ID (CHARGEBACK_ENTRA_*)",
  );
  process.exit(1);
}
const dev = process.argv.includes("--dev");
// Persona sign-in is on only because the web app runs in this process, on loopback (serveWeb says
// so to the app directly): the same variables under `next start` or scripts/serve.mjs refuse to start.
const env = Object.assign(process.env, {
  NEXT_TELEMETRY_DISABLED: "1",
  CHARGEBACK_LOCAL_SIGNIN: "1",
  CHARGEBACK_SESSION_SECRET: process.env.CHARGEBACK_SESSION_SECRET ?? sessionSecret(),
});

/** A random secret kept beside the demo store, so sessions survive a restart. */
function sessionSecret() {
  const file = path.join(root, "data", "session-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}
const port = process.env.PORT ?? "3000";
const cli = path.join(root, "bin", "chargeback.js");
const next = path.join(root, "node_modules", "next", "dist", "bin", "next");

function run(args, what) {
  const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`start: ${what} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function buildIsStale() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const sources = Math.max(...["app", "lib", "public"].map((d) => newestSource(path.join(root, d))));
  return sources > fs.statSync(buildId).mtimeMs;
}

console.log("start: preparing the embedded store (demo data on first run)…");
run([cli, "demo", "load", "--if-empty"], "loading demo data");
if (!dev && buildIsStale()) {
  console.log("start: building the web app…");
  run([next, "build"], "building the web app");
}

const children = [spawn(process.execPath, [cli, "worker", "--source", "demo", "--rate", "5"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] })];
try {
  await serveWeb({ root, host: "127.0.0.1", port, personas: true, dev });
} catch (error) {
  console.error(`start: the web app did not start: ${error.message}`);
  for (const child of children) child.kill("SIGTERM");
  process.exit(1);
}
console.log(`start: web app on http://127.0.0.1:${port}, worker ingesting demo traffic. Ctrl+C stops both.`);

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 5_000).unref();
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stop(0));
for (const child of children) child.on("exit", (code) => stop(code ?? 0));
