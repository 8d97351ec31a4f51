import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { itemAt } from "../../../lib/core/arrays";

const ROOT = path.resolve(__dirname, "..", "..", "..");

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

// The real web app over real HTTP (`next dev`, which compiles only the routes asked for), with no
// session cookie: the platform's probes have none.
describe("the web app's health endpoints and request logs", () => {
  let server: ChildProcess;
  let base: string;
  let dir: string;
  let file: string;
  let output = "";
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "chargeback-health-"));
    file = path.join(dir, "chargeback.db");
    fs.copyFileSync(inject("templateDb"), file);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(
      process.execPath,
      [path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "dev", "--port", String(port), "--hostname", "127.0.0.1"],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_ENV: "development",
          NEXT_TELEMETRY_DISABLED: "1",
          CHARGEBACK_DATABASE_URL: `file:${file}`,
          // Sign-in as in production (Entra ID, never reached here): the probes and the intake need none.
          CHARGEBACK_ENTRA_TENANT_ID: randomUUID(),
          CHARGEBACK_ENTRA_CLIENT_ID: randomUUID(),
          CHARGEBACK_ENTRA_CLIENT_SECRET: "test-only-secret",
          CHARGEBACK_PUBLIC_URL: base,
          CHARGEBACK_SESSION_SECRET: randomBytes(32).toString("base64url"),
          // Spans on the console (every 5 s): the intake's own span can be seen without Application Insights.
          CHARGEBACK_TELEMETRY_CONSOLE: "true",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    server.stdout!.on("data", (c: Buffer) => (output += c.toString()));
    server.stderr!.on("data", (c: Buffer) => (output += c.toString()));
    const until = Date.now() + 110_000;
    for (;;) {
      const live = await fetch(`${base}/api/health/live`).catch(() => null);
      if (live?.status === 200) break;
      if (Date.now() > until || server.exitCode !== null) throw new Error(`the web app did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  });
  afterAll(async () => {
    server?.kill("SIGTERM");
    if (server && server.exitCode === null) await new Promise((r) => server.once("close", r));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("live answers without sign-in and never touches the store", async () => {
    const response = await fetch(`${base}/api/health/live`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "live" });
  });

  it("ready says 200 while the store answers with every migration applied, and 503 (logged) when one is missing", async () => {
    const ready = await fetch(`${base}/api/health/ready`);
    expect({ status: ready.status, body: await ready.json() }).toEqual({
      status: 200,
      body: { status: "ready", store: { reachable: true, schemaCurrent: true } },
    });

    // As if the app were deployed ahead of its store: the latest migration is not recorded.
    const db = new Database(file);
    const latest = db.prepare("SELECT * FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1").get() as Record<string, unknown>;
    db.prepare("DELETE FROM _prisma_migrations WHERE id = ?").run(latest.id);
    try {
      const behind = await fetch(`${base}/api/health/ready`);
      expect({ status: behind.status, body: await behind.json() }).toEqual({
        status: 503,
        body: { status: "not ready", store: { reachable: true, schemaCurrent: false } },
      });
      expect(output).toMatch(new RegExp(`"event":"health.notReady".*migrations not applied: ${latest.migration_name}`));
    } finally {
      const columns = Object.keys(latest);
      db.prepare(`INSERT INTO _prisma_migrations (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`).run(...Object.values(latest));
      db.close();
    }
    expect((await fetch(`${base}/api/health/ready`)).status).toBe(200);
  });

  it("the intake logs each request as one JSON line with its request id, status and duration, and no header value", async () => {
    const refused = await fetch(`${base}/api/v1/events`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer cbk_not-a-real-key", "x-request-id": "apim-req-42" },
      body: JSON.stringify({ endUser: "carol.probe@contoso.example" }),
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("x-request-id")).toBe("apim-req-42");
    const anonymous = await fetch(`${base}/api/v1/events`, { method: "POST", headers: { "x-request-id": "not a sane id!" } });
    const fresh = anonymous.headers.get("x-request-id");
    expect(fresh).toMatch(/^[0-9a-f-]{36}$/);

    const until = Date.now() + 10_000;
    const logged = () =>
      output
        .split("\n")
        .filter((line) => line.startsWith('{"'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((l) => l.event === "http.request");
    while (logged().length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(logged()).toEqual([
      expect.objectContaining({
        level: "info",
        component: "web",
        route: "/api/v1/events",
        requestId: "apim-req-42",
        method: "POST",
        status: 401,
        durationMs: expect.any(Number),
      }),
      expect.objectContaining({ requestId: fresh, status: 401 }),
    ]);
    // Traced: the line names the request's span, which the console exporter prints with the route.
    const traceId = itemAt(logged(), 0).traceId as string;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    const spanPrinted = new RegExp(`traceId: '${traceId}'[\\s\\S]*?name: 'POST /api/v1/events'`);
    const spanUntil = Date.now() + 15_000;
    while (!spanPrinted.test(output) && Date.now() < spanUntil) await new Promise((r) => setTimeout(r, 200));
    expect(output).toMatch(spanPrinted);
    expect(output).not.toContain("cbk_not-a-real-key");
    expect(output).not.toContain("carol.probe");
  });
});
