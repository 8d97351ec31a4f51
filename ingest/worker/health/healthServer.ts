import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Log } from "../../../lib/telemetry/log";

/** One readiness check's answer: `problem` goes to the log, never into the HTTP answer. */
export type Check = { ok: boolean; problem?: string };
export type ReadinessChecks = Record<string, () => Promise<Check>>;

export type HealthServer = { port: number; close(): Promise<void> };

/**
 * The worker's probes over plain HTTP: `GET /live` (the process answers) and `GET /ready` (each
 * check passes; 503 otherwise, naming the failing checks). Container Apps calls them on the
 * replica's own address, without credentials, so the answers carry nothing but pass or fail.
 */
export async function startHealthServer(port: number, host: string, checks: ReadinessChecks, log: Log): Promise<HealthServer> {
  const server = http.createServer(async (request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
      response.end(JSON.stringify(body));
    };
    if (request.method !== "GET" && request.method !== "HEAD") return reply(405, { error: "GET only" });
    const path = (request.url ?? "/").split("?")[0];
    if (path === "/live") return reply(200, { status: "live" });
    if (path !== "/ready") return reply(404, { error: "GET /live or /ready" });
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => [name, await check().catch((error: Error) => ({ ok: false, problem: error.message }))] as const),
    );
    const failing = results.filter(([, r]) => !r.ok);
    if (failing.length > 0)
      log.warn(
        { event: "health.notReady", failing: failing.map(([name]) => name) },
        `not ready: ${failing.map(([name, r]) => `${name}: ${r.problem ?? "failing"}`).join("; ")}`,
      );
    reply(failing.length === 0 ? 200 : 503, {
      status: failing.length === 0 ? "ready" : "not ready",
      checks: Object.fromEntries(results.map(([n, r]) => [n, r.ok])),
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  server.unref(); // the probes never keep a stopped worker alive
  const actual = (server.address() as AddressInfo).port;
  log.info({ event: "health.listening", host, port: actual }, `health probes on http://${host}:${actual}/live and /ready`);
  return { port: actual, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
