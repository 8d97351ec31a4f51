/** Runs once as the server starts: a server with a sign-in misconfiguration must not start at all. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  (await import("./lib/config/exitOnBadWebConfig")).exitOnBadWebConfig();
  // A stale month is built, and a month closed, by the `chargeback` CLI in a child process, not in
  // the web server's own (lib/ledger/README.md): a month's ledger is ~350 MB at 5,000 apps.
  if ((await import("./lib/config/schema")).loadConfig().CHARGEBACK_MONTH_BUILDS === "child") {
    const run = (await import("./lib/ledger/childCli")).childCli();
    (await import("./lib/ledger/monthBuilder")).delegateMonthBuilds((await import("./lib/ledger/childMonthBuilder")).childMonthBuilder(run));
    (await import("./lib/reports/delegatedClose")).delegateMonthCloses((await import("./lib/reports/delegatedClose")).childMonthCloser(run));
  }
  // Metrics and traces (docs/operations.md): to Application Insights when configured, else nowhere.
  await (await import("./lib/telemetry/startTelemetry")).startTelemetry("chargeback-web");
}
