// The web app's HTTP server: Next.js behind a Node server of ours, because `next start` cannot set
// the limits below and cannot tell a launcher on a workstation from a production deployment.
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";

/** Where the app reads how it was served (lib/config/webServer.ts); set in this process only, never from the environment. */
const WEB_SERVER = Symbol.for("chargeback.webServer");
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1)$/i;
const FORWARDED = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"];

// A client gets 10 s to send its headers and 60 s for the whole request (Node's defaults: 60 s and
// 300 s, so a body declared large and trickled held a connection for five minutes). The largest
// body any route takes (the intake's 4 MB) arrives well within 60 s from a gateway. Limits are
// checked every second instead of Node's 30 s. An idle keep-alive connection is kept 65 s (Node's
// default: 5 s): the side that closes an idle connection races the next request sent on it, which
// then fails (ECONNRESET; a 502 from a proxy in front), so the server should not be the first to
// close. Proxies commonly keep idle upstream connections for 60 s, browsers longer.
export const LIMITS = { headersTimeout: 10_000, requestTimeout: 60_000, keepAliveTimeout: 65_000, connectionsCheckingInterval: 1_000 };

const plainAddress = (address = "") => address.replace(/^::ffff:/, "");
const WAITING = Symbol("headers timer");

/**
 * Node enforces headersTimeout and requestTimeout from a list of connections that, in Node 20,
 * stops being checked once a client goes away in the middle of a request body (tried: a second
 * slow client then kept its connection for ever). So each connection also gets timers of its
 * own: its headers within `headersTimeout` (after a response, for keep-alive, within the idle
 * `keepAliveTimeout` and those headers' own time), then its whole request within `requestTimeout`.
 */
function enforceLimits(server) {
  const awaitHeaders = (socket, withinMs = LIMITS.headersTimeout) => {
    clearTimeout(socket[WAITING]);
    socket[WAITING] = setTimeout(() => socket.destroy(), withinMs).unref();
  };
  server.on("connection", (socket) => {
    awaitHeaders(socket);
    socket.on("close", () => clearTimeout(socket[WAITING]));
  });
  // A WebSocket (the dev server's hot reload) is a request no longer: Next.js handles the upgrade.
  server.on("upgrade", (_req, socket) => clearTimeout(socket[WAITING]));
  return (req, res) => {
    clearTimeout(req.socket[WAITING]);
    const whole = setTimeout(() => req.complete || req.socket.destroy(), LIMITS.requestTimeout).unref();
    req.on("end", () => clearTimeout(whole));
    res.on("close", () => clearTimeout(whole));
    res.on("finish", () => req.socket.destroyed || awaitHeaders(req.socket, LIMITS.keepAliveTimeout + LIMITS.headersTimeout));
  };
}

/**
 * POST /api/v1/events, answered here instead of by Next.js, whose request handling costs more CPU
 * than the whole intake (ingest/http/intakeListener.ts). It is TypeScript of lib/, loaded with tsx
 * as the CLI is (bin/chargeback.js), so it shares the process's store (lib/store's getSharedStore).
 */
function intakeListener(root) {
  process.env.TSX_TSCONFIG_PATH ??= path.join(root, "tsconfig.json");
  // tsx (as bin/chargeback.js uses it) only while the listener's modules load: left registered it
  // broke Next.js's pages; tsx's namespaced tsImport gave the listener a second copy of pino that
  // mixed with the one Next.js requires. Loaded this way, both share Node's one copy of each package.
  const require = createRequire(import.meta.url);
  const unregister = require("tsx/cjs/api").register();
  let module;
  try {
    module = require(path.join(root, "ingest", "http", "intakeListener.ts"));
  } finally {
    unregister();
  }
  return { path: module.INTAKE_PATH, handle: module.intakeListener() };
}

/**
 * Serves the built app (or, with `dev`, the sources) on host:port. `personas` (persona sign-in) is
 * accepted only on a loopback address. X-Forwarded-* and Forwarded headers are kept only from the
 * peers listed in CHARGEBACK_TRUSTED_PROXIES; anyone else's are dropped before Next.js reads them.
 */
export async function serveWeb({ root, host, port, personas = false, dev = false }) {
  if (personas && !LOOPBACK.test(host)) throw new Error(`persona sign-in is only served on a loopback address, not ${host}`);
  const trusted = new Set(
    (process.env.CHARGEBACK_TRUSTED_PROXIES ?? "")
      .split(",")
      .map((a) => plainAddress(a.trim()))
      .filter(Boolean),
  );
  globalThis[WEB_SERVER] = Object.freeze({ host, personas, trustedProxies: Object.freeze([...trusted]) });
  process.env.NODE_ENV ??= dev ? "development" : "production";
  const { default: next } = await import("next");
  const app = next({ dev, dir: root, hostname: host, port: Number(port) });
  await app.prepare();
  const handle = app.getRequestHandler();
  const intake = intakeListener(root);
  const server = http.createServer(LIMITS);
  const limit = enforceLimits(server);
  server.on("request", (req, res) => {
    limit(req, res);
    if (!trusted.has(plainAddress(req.socket.remoteAddress))) for (const name of FORWARDED) delete req.headers[name];
    if (req.method === "POST" && req.url.split("?", 1)[0] === intake.path) intake.handle(req, res);
    else handle(req, res);
  });
  server.keepAliveTimeout = LIMITS.keepAliveTimeout;
  await new Promise((resolve, reject) => server.once("error", reject).listen(Number(port), host, resolve));
  return server;
}
