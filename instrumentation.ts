/** Runs once as the server starts: a server with a sign-in misconfiguration must not start at all. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  (await import("./lib/config/exitOnBadWebConfig")).exitOnBadWebConfig();
  // Metrics and traces (docs/operations.md): to Application Insights when configured, else nowhere.
  await (await import("./lib/telemetry/startTelemetry")).startTelemetry("chargeback-web");
}
