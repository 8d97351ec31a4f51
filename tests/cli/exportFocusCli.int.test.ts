import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { focusMetadata } from "../../lib/exports/focusMetadata";
import { LedgerReader } from "../../lib/ledger/ledgerReader";
import { getChargebackReport } from "../../lib/reports/getChargebackReport";
import { runCli } from "../support/cli";
import { freshStore } from "../support/store";
import { seedOctoberAndNovember } from "../support/twoMonths";

describe("chargeback export focus", () => {
  it("writes the months' FOCUS rows on stdout and the metadata file beside them", async () => {
    const { store, file: db, dir } = freshStore();
    await seedOctoberAndNovember(store);
    const metadata = path.join(dir, "focus-metadata.json");
    const out = await runCli(["export", "focus", "--from", "2026-10", "--to", "2026-11", "--metadata", metadata], { db });
    expect(out.stderr).toBe("");
    const rows = parse(out.stdout, { columns: true }) as { BillingPeriodStart: string; BilledCost: string }[];
    expect(new Set(rows.map((r) => r.BillingPeriodStart))).toEqual(new Set(["2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z"]));
    const cents = (month: string) =>
      rows.filter((r) => r.BillingPeriodStart.startsWith(month)).reduce((sum, r) => sum + BigInt(r.BilledCost.replace(".", "")), 0n);
    for (const month of ["2026-10", "2026-11"]) {
      expect(cents(month), month).toBe(BigInt((await getChargebackReport(new LedgerReader(store), month, "business-unit")).total.replace(".", "")));
    }
    expect(JSON.parse(fs.readFileSync(metadata, "utf8"))).toEqual(focusMetadata());
    expect((await runCli(["export", "focus", "--from", "2026-11", "--to", "2026-10"], { db })).stderr).toBe("chargeback: --from: from must not be after to\n");
  });
});
