// The web app for the browser tests: a fresh store with the demo data, served by the production build
// in this process, on loopback, as `npm start` serves it (persona sign-in needs that; see webServer.mjs).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { serveWeb } from "./webServer.mjs";

const root = path.resolve(import.meta.dirname, "..");
const port = process.argv[2] ?? "3101";
const dir = path.join(root, "test-results", "e2e-store");
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const env = Object.assign(process.env, {
  NEXT_TELEMETRY_DISABLED: "1",
  CHARGEBACK_DATABASE_URL: `file:${path.join(dir, "chargeback.db")}`,
  CHARGEBACK_LOCAL_SIGNIN: "1",
  CHARGEBACK_SESSION_SECRET: randomBytes(32).toString("base64url"),
});

const cli = (...args) =>
  spawnSync(process.execPath, [path.join(root, "bin", "chargeback.js"), ...args], { cwd: root, env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
const load = cli("demo", "load", "--dir", path.join(dir, "demo"));
if (load.status !== 0) process.exit(load.status ?? 1);
// The months' figures, reports, forecasts and anomalies built beforehand, as the worker's figures
// task keeps them in a deployment: the first page view only reads them, as every later one does.
const refresh = cli("month", "refresh");
if (refresh.status !== 0) process.exit(refresh.status ?? 1);

// Entra ID sign-in against a local stand-in, with accounts whose roles and groups the tests know.
const entraPort = Number(port) + 1;
const owners = cli("owners", "list")
  .stdout.trim()
  .split("\n")
  .map((line) => JSON.parse(line));
const engineeringLeads = owners.find((o) => o.principalType === "group").principalId;
const entra = {
  tenantId: "3f1c2b7a-5d4e-4c6b-9a8f-0e1d2c3b4a59",
  clientId: "8b0e6f2d-1c3a-4e5b-9d7f-6a2b1c0d9e8f",
  clientSecret: randomBytes(24).toString("base64url"),
  users: [
    { oid: "0a6a3c1e-7f5b-4d2c-8e9a-1b2c3d4e5f60", name: "Fiona Finance", roles: ["Chargeback.Finance"], groups: [] },
    { oid: "5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c", name: "Gus Lead", roles: [], groups: ["9c8b7a69-5848-4736-a625-140312f1e0d9", engineeringLeads] },
    { oid: "c0ffee00-1234-4567-89ab-cdef01234567", name: "Nora Newcomer", roles: [], groups: [] },
  ],
  clients: [
    { clientId: "a9b8c7d6-0000-4000-8000-00000000a9b8", clientSecret: randomBytes(16).toString("hex"), roles: ["Chargeback.Ingest"] },
    { clientId: "b1b2b3b4-0000-4000-8000-00000000b1b2", clientSecret: randomBytes(16).toString("hex"), roles: [] },
    { clientId: "c1c2c3c4-0000-4000-8000-00000000c1c2", clientSecret: randomBytes(16).toString("hex"), roles: ["Chargeback.Ingest"] },
  ],
  gateways: ["a9b8c7d6-0000-4000-8000-00000000a9b8"],
  ingestAudience: "api://chargeback-intake",
};
fs.writeFileSync(path.join(dir, "entra.json"), JSON.stringify(entra));
const standIn = spawn(
  process.execPath,
  [
    path.join(root, "node_modules", "tsx", "dist", "cli.mjs"),
    path.join(root, "tests", "support", "entraStandIn.ts"),
    String(entraPort),
    path.join(dir, "entra.json"),
  ],
  { cwd: root, env, stdio: "inherit" },
);
Object.assign(env, {
  CHARGEBACK_PUBLIC_URL: `http://127.0.0.1:${port}`,
  CHARGEBACK_ENTRA_AUTHORITY: `http://127.0.0.1:${entraPort}`,
  CHARGEBACK_ENTRA_TENANT_ID: entra.tenantId,
  CHARGEBACK_ENTRA_CLIENT_ID: entra.clientId,
  CHARGEBACK_ENTRA_CLIENT_SECRET: entra.clientSecret,
  CHARGEBACK_INGEST_AUDIENCE: entra.ingestAudience,
  CHARGEBACK_INGEST_GATEWAYS: entra.gateways.join(","),
});
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    standIn.kill(signal);
    process.exit(0);
  });
standIn.on("exit", (code) => process.exit(code ?? 1));
process.env.NODE_ENV = "production";
await serveWeb({ root, host: "127.0.0.1", port, personas: true });
