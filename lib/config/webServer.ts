import { isLoopbackHost } from "./schema";

/**
 * How this process serves the web app, as scripts/webServer.mjs recorded it in memory. The
 * environment cannot forge it: under plain `next start` there is none, so persona sign-in and
 * trusted proxies, which need it, stay off whatever the variables say.
 */
export type WebServer = { host: string; personas: boolean; trustedProxies: readonly string[] };

const WEB_SERVER = Symbol.for("chargeback.webServer");

export function servedBy(): WebServer | null {
  const value = (globalThis as Record<symbol, unknown>)[WEB_SERVER] as WebServer | undefined;
  return value && typeof value.host === "string" ? value : null;
}

/** Persona sign-in: only a launcher on this machine (`npm start`) that asked for it, bound to loopback. */
export const servesPersonas = (server: WebServer | null): boolean => server?.personas === true && isLoopbackHost(server.host);
