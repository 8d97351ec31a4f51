/** Runs once as the server starts: a server with a sign-in misconfiguration must not start at all. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  (await import("./lib/config/exitOnBadWebConfig")).exitOnBadWebConfig();
  // A stale month is built by `chargeback month refresh` in a child process, not in the web
  // server's own (docs/worker.md): a month's ledger is ~350 MB at 5,000 apps.
  if ((await import("./lib/config/schema")).loadConfig().CHARGEBACK_MONTH_BUILDS === "child") {
    const [{ delegateMonthBuilds }, { childMonthBuilder }] = await Promise.all([import("./lib/ledger/monthBuilder"), import("./lib/ledger/childMonthBuilder")]);
    delegateMonthBuilds(childMonthBuilder());
  }
  // Metrics and traces (docs/operations.md): to Application Insights when configured, else nowhere.
  await (await import("./lib/telemetry/startTelemetry")).startTelemetry("chargeback-web");
}
