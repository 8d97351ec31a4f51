import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getChargebackReport } from "../../../lib/reports/getChargebackReport";
import { closeMonth } from "../../../lib/statements/closeMonth";
import { getStatement } from "../../../lib/statements/getStatement";
import { json, runCli } from "../../support/cli";
import { ingestLines } from "../../support/ingest";
import { freshStore } from "../../support/store";
import { DEC_5, events, NOV_5, seedOctoberAndNovember } from "../../support/twoMonths";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";

// October: Retail $3.50 of usage, Marketing $0.70. 10% on every unit, a $1 fee shared by usage
// cost, and Retail's own $0.25 fee on CC-9 for October only.
const MARKUPS = [
  "businessUnit,kind,amount,validFrom,validTo,currency,costCenter,label",
  "*,percent,10,2026-10-01,,,,",
  "*,fee,1.00,2026-10-01,,USD,,",
  "Retail,fee,0.25,2026-10-01,2026-11-01,USD,CC-9,Gateway operations",
].join("\n");

function importCsv(db: string, dir: string, name: string, csv: string) {
  fs.writeFileSync(path.join(dir, name), csv);
  return runCli(["markups", "import", name], { db, cwd: dir });
}

async function octoberWithMarkups() {
  const { store, file, dir } = freshStore();
  await seedOctoberAndNovember(store);
  const imported = await importCsv(file, dir, "markups.csv", MARKUPS);
  expect(imported.stderr).toBe("");
  expect(json(imported)).toEqual({ added: 3, changed: 0, unchanged: 0 });
  return { store, file, dir };
}

describe("markups on statements", () => {
  it("adds each markup as its own line, the units' totals adding up to usage plus markups to the cent", async () => {
    const { store } = await octoberWithMarkups();
    const report = await getChargebackReport(new LedgerReader(store), "2026-10", "business-unit");
    // Retail 3.50 + 0.35 + 1.00 × 3.50/4.20 + 0.25 = 4.9333…; Marketing 0.70 + 0.07 + 0.1666… .
    expect(report.rows.map((r) => [r.key, r.cost])).toEqual([
      ["Retail", "4.93"],
      ["Marketing", "0.94"],
    ]);
    expect(report.total).toBe("5.87");
    expect(report.listTotal).toBe("5.87");
    // Markups carry no usage: the units' requests are their apps' alone.
    expect(report.rows.map((r) => r.requests)).toEqual([1000, 200]);

    await closeMonth(store, "2026-10", "fin", NOV_5);
    const statement = await getStatement(store, "2026-10", "Retail");
    expect(statement?.lines.map((l) => [l.kind, l.costCenter, l.appName, l.cost, l.reason])).toEqual([
      ["markup", "CC-1", "Platform markup 10%", "0.35", "10% of usage cost, every business unit, from 2026-10-01"],
      ["markup", "CC-1", "Shared platform fee", "0.83", "1.00 USD a month, shared by usage cost, every business unit, from 2026-10-01"],
      ["markup", "CC-9", "Gateway operations", "0.25", "0.25 USD a month, Retail, from 2026-10-01 to 2026-11-01"],
      ["usage", "CC-1", "app-1", "3.50", ""],
    ]);
    expect(statement?.total).toBe("4.93");
  });

  it("books a markup's change after the close as a correction in the next open month", async () => {
    const { store } = await octoberWithMarkups();
    await closeMonth(store, "2026-10", "fin", NOV_5);
    await ingestLines(store, events("app-2", "2026-10-20", 100, "late"));
    const november = await getChargebackReport(new LedgerReader(store), "2026-11", "business-unit");
    const markupCorrections = november.adjustments.filter((a) => a.model === "markup");
    expect(markupCorrections.map((a) => [a.businessUnit, a.appId, a.cost])).toEqual(
      expect.arrayContaining([
        ["Marketing", "platform-markup", "0.04"],
        ["Marketing", "platform-fee:*", "0.06"],
        ["Retail", "platform-fee:*", "-0.06"],
      ]),
    );
    expect(markupCorrections.every((a) => a.reason === "markup or the usage it is computed on changed after the close of 2026-10 (booked in 2026-11)")).toBe(
      true,
    );
    await closeMonth(store, "2026-11", "fin", DEC_5);
    const closed = await getChargebackReport(new LedgerReader(store), "2026-11", "business-unit");
    expect(closed.total).toBe(november.total);
  });

  it("refuses overlapping or partial-month markups with one line naming them, and changes nothing", async () => {
    const { store, file, dir } = await octoberWithMarkups();
    const overlap = await importCsv(file, dir, "overlap.csv", "businessUnit,kind,amount,validFrom\n*,percent,12,2026-12-01\n");
    expect(overlap.status).toBe(1);
    expect(overlap.stderr).toContain("*: the percent from 2026-10-01 overlaps the one from 2026-12-01");
    const midMonth = await importCsv(file, dir, "mid.csv", "businessUnit,kind,amount,validFrom\nOps,percent,5,2026-12-15\n");
    expect(midMonth.status).toBe(1);
    expect(midMonth.stderr).toMatch(/validFrom.*markups apply to whole months/);
    expect(midMonth.stderr).not.toMatch(/\n\s+at /);
    const strangers = await importCsv(
      file,
      dir,
      "strangers.csv",
      "businessUnit,kind,amount,validFrom,currency,costCenter\nRetial,fee,5,2026-12-01,USD,CC-1\nRetail,fee,5,2026-12-01,USD,CC-2\n",
    );
    expect(strangers.status).toBe(1);
    expect(strangers.stderr).toContain("Retial: no such business unit in the org mappings");
    expect(strangers.stderr).toContain("Retail: cost center CC-2 belongs to Marketing");
    expect(await store.listMarkups()).toHaveLength(3);
    const listed = await runCli(["markups", "list"], { db: file, cwd: dir });
    expect(
      listed.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).kind),
    ).toEqual(["fee", "percent", "fee"]);
  });
});
