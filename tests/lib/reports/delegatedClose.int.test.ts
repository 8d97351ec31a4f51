import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { UserError } from "../../../lib/core/errors";
import { childCli } from "../../../lib/ledger/childCli";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { childMonthCloser, closeMonthWhenReady, delegateMonthCloses } from "../../../lib/reports/delegatedClose";
import { freshStore } from "../../support/store";
import { seedOctoberAndNovember } from "../../support/twoMonths";

// The web server's close: `chargeback month close` in a child process, its ledger never built here.
beforeAll(() => void vi.stubEnv("CHARGEBACK_NOW", "2026-11-05T12:00:00Z"));
afterAll(() => void vi.unstubAllEnvs());
afterEach(() => delegateMonthCloses(undefined));

const root = path.resolve(__dirname, "..", "..", "..");

async function seeded() {
  const { store, file } = freshStore();
  await seedOctoberAndNovember(store);
  return { store, file };
}

describe("a close handed to a child process", () => {
  it("freezes the same statement as a close in process, and this process builds no ledger", async () => {
    const web = await seeded();
    delegateMonthCloses(childMonthCloser(childCli({ root, env: { CHARGEBACK_DATABASE_URL: `file:${web.file}` } })), { fromApps: 0 });
    const ledgerBuilds = vi.spyOn(LedgerReader.prototype, "ledger");
    const outcome = await closeMonthWhenReady(web.store, "2026-10", { by: "Fran Finance", acceptWarnings: true });
    expect(ledgerBuilds).not.toHaveBeenCalled();
    ledgerBuilds.mockRestore();
    expect(outcome).toEqual({ closed: await web.store.getClosedMonth("2026-10"), alreadyClosed: false });
    expect(outcome.closed.closedBy).toBe("Fran Finance");
    expect((await closeMonthWhenReady(web.store, "2026-10", { by: "Fran Finance" })).alreadyClosed).toBe(true);

    delegateMonthCloses(undefined);
    const here = await seeded();
    await closeMonthWhenReady(here.store, "2026-10", { by: "Fran Finance", acceptWarnings: true });
    const lines = await web.store.listStatementLines({ month: "2026-10" });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines).toEqual(await here.store.listStatementLines({ month: "2026-10" }));
  }, 60_000);

  it("refuses as a close in process does: the checklist's words, as a UserError", async () => {
    const web = await seeded();
    delegateMonthCloses(childMonthCloser(childCli({ root, env: { CHARGEBACK_DATABASE_URL: `file:${web.file}` } })), { fromApps: 0 });
    const refused = closeMonthWhenReady(web.store, "2026-11", { by: "Fran Finance", acceptWarnings: true });
    await expect(refused).rejects.toBeInstanceOf(UserError);
    await expect(refused).rejects.toThrow(/^2026-11 has not ended yet: /);
    expect(await web.store.getClosedMonth("2026-11")).toBeNull();
  }, 60_000);
});
