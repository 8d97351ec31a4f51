import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { refreshMonthFigures } from "../../../lib/budgets/refreshBudgetFigures";
import { refreshInBackground } from "../../../lib/budgets/refreshInBackground";
import { childCli } from "../../../lib/ledger/childCli";
import { childMonthBuilder } from "../../../lib/ledger/childMonthBuilder";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { delegateMonthBuilds } from "../../../lib/ledger/monthBuilder";
import { readAppRows, readTrend } from "../../../lib/reports/monthFigures";
import { readReportRows } from "../../../lib/reports/storedReports";
import { ingestLines } from "../../support/ingest";
import { freshStore } from "../../support/store";
import { events, seedOctoberAndNovember } from "../../support/twoMonths";

// The web server's path: a stale month is built by `chargeback month refresh` in a child process.
beforeAll(() => void vi.stubEnv("CHARGEBACK_NOW", "2026-11-05T12:00:00Z"));
afterAll(() => void vi.unstubAllEnvs());
afterEach(() => delegateMonthBuilds(undefined));

const root = path.resolve(__dirname, "..", "..", "..");
const MONTH = "2026-10";

/** October and November, October's figures built, then more of October's usage: its parts are stale. */
async function staleOctober() {
  const seeded = freshStore();
  await seedOctoberAndNovember(seeded.store);
  await refreshMonthFigures(seeded.store, [MONTH]);
  await ingestLines(seeded.store, events("app-2", "2026-10-03", 7, "late"));
  return seeded;
}

/** The stored bodies of the month's parts, by name (stamps and build times left out). */
function partBodies(file: string): Map<string, string> {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare("SELECT part, body FROM LedgerPart WHERE month = ?").all(MONTH) as { part: string; body: string }[];
    return new Map(rows.map((r) => [r.part, r.body]));
  } finally {
    db.close();
  }
}

describe("a web server's view of a stale month", () => {
  it("reads what a child `month refresh` built and stored, the same to the byte as an in-process build, without building the ledger itself", async () => {
    const web = await staleOctober();
    delegateMonthBuilds(childMonthBuilder(childCli({ root, env: { CHARGEBACK_DATABASE_URL: `file:${web.file}` } })), { fromApps: 0 });
    const ledgerBuilds = vi.spyOn(LedgerReader.prototype, "ledger");
    const reader = new LedgerReader(web.store);
    // Two views at once join one child; the keyed part is read as the child stored it.
    const [trend, rows, report] = await Promise.all([readTrend(reader, MONTH), readAppRows(reader, MONTH, "app-2"), readReportRows(reader, MONTH, "app")]);
    expect(ledgerBuilds).not.toHaveBeenCalled();
    ledgerBuilds.mockRestore();
    expect(trend.length).toBeGreaterThan(0);
    expect(rows.length).toBeGreaterThan(0);
    expect(report.rows.map((r) => r.key)).toContain("app-2");

    delegateMonthBuilds(undefined);
    const here = await staleOctober();
    await refreshMonthFigures(here.store, [MONTH]);
    const inProcess = partBodies(here.file);
    expect(inProcess.size).toBeGreaterThan(20);
    expect(partBodies(web.file)).toEqual(inProcess);
  }, 60_000);

  it("builds the month a close schedules (refreshInBackground) in the child too, and a view then only reads", async () => {
    const web = await staleOctober();
    delegateMonthBuilds(childMonthBuilder(childCli({ root, env: { CHARGEBACK_DATABASE_URL: `file:${web.file}` } })), { fromApps: 0 });
    await refreshInBackground(web.store, MONTH);
    const ledgerBuilds = vi.spyOn(LedgerReader.prototype, "ledger");
    expect((await readReportRows(new LedgerReader(web.store), MONTH, "business-unit")).rows.length).toBeGreaterThan(0);
    expect(ledgerBuilds).not.toHaveBeenCalled();
    ledgerBuilds.mockRestore();
  }, 60_000);

  it("fails with a plain message when the child fails, and builds nothing in process", async () => {
    const web = await staleOctober();
    delegateMonthBuilds(childMonthBuilder(childCli({ root, env: { CHARGEBACK_DATABASE_URL: `file:${path.join(web.dir, "missing", "store.db")}` } })), {
      fromApps: 0,
    });
    const ledgerBuilds = vi.spyOn(LedgerReader.prototype, "ledger");
    await expect(readTrend(new LedgerReader(web.store), MONTH)).rejects.toThrow(/^building 2026-10's figures failed \(exit code 1\); see the server log$/);
    expect(ledgerBuilds).not.toHaveBeenCalled();
    ledgerBuilds.mockRestore();
  }, 60_000);

  it("builds a month of fewer apps than delegated builds start from where it is read: no child is started", async () => {
    const web = await staleOctober();
    // A child would fail (no store there): the view succeeds only if it builds the month itself.
    const missing = childCli({ root, env: { CHARGEBACK_DATABASE_URL: `file:${path.join(web.dir, "missing", "store.db")}` } });
    delegateMonthBuilds(childMonthBuilder(missing), { fromApps: 1000 });
    expect((await readTrend(new LedgerReader(web.store), MONTH)).length).toBeGreaterThan(0);
  }, 60_000);
});
