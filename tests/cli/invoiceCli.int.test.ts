import { execFile } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { getReconciliation } from "../../lib/reconciliation/getReconciliation";
import { json, runCli } from "../support/cli";
import { loadScenarioUsage, writeExports } from "../support/invoiceScenario";
import { freshStore } from "../support/store";
import { SKIP_REASONS } from "../../lib/pricing/skippedMeters";

const ONE_LINE_ERROR = /^chargeback: [^\n]+\n$/;

describe("chargeback invoice import and reconcile", () => {
  it("imports both formats, changes nothing the second time, and reconciles as JSON and CSV", async () => {
    const { store, file: db, dir } = freshStore();
    await loadScenarioUsage(store);
    const { focus, classic } = writeExports(dir);

    const first = await runCli(["invoice", "import", focus, classic], { db });
    expect(first.stderr).toBe(""); // not a terminal: no progress line
    expect(json(first)).toEqual([
      {
        file: focus,
        id: expect.stringMatching(/^[0-9a-f]{64}$/),
        format: "focus",
        // FOCUS 1.2 as Cost Management writes it: 14 of its columns read, the rest named.
        ignoredColumns: expect.arrayContaining(["Tags", "x_SkuMeterId", "ListCost"]),
        rows: 13,
        counted: 11,
        lines: 10,
        alreadyImported: false,
        superseded: [],
        skipped: { "purchase (its cost is in usage rows, amortized)": 1, [`not priced (${SKIP_REASONS.fineTuned})`]: 1 },
      },
      {
        file: classic,
        id: expect.stringMatching(/^[0-9a-f]{64}$/),
        format: "classic",
        ignoredColumns: ["InvoiceSectionName", "AccountName", "SubscriptionId", "MeterId", "MeterCategory", "MeterRegion", "PricingModel", "Tags"],
        rows: 4,
        counted: 2,
        lines: 2,
        alreadyImported: false,
        superseded: [],
        skipped: { "purchase (its cost is in usage rows, amortized)": 1, [`not priced (${SKIP_REASONS.provisioned})`]: 1 },
      },
    ]);
    expect(json<{ alreadyImported: boolean }[]>(await runCli(["invoice", "import", focus, classic], { db })).map((s) => s.alreadyImported)).toEqual([
      true,
      true,
    ]);

    const reconciled = await runCli(["reconcile", "--month", "2026-11"], { db });
    expect(reconciled.status).toBe(0);
    expect(json(reconciled)).toEqual(JSON.parse(JSON.stringify(await getReconciliation(store, "2026-11"))));
    expect(json<{ total: unknown }>(reconciled).total).toEqual({
      invoiceTokens: 11_830_000,
      eventTokens: 11_440_000,
      invoicedCost: "5.56",
      computedCost: "6.31",
      variance: "-0.75",
      variancePercent: "-11.9",
    });

    const csv = parse((await runCli(["reconcile", "--month", "2026-11", "--format", "csv"], { db })).stdout, { columns: true }) as Record<string, string>[];
    expect(csv.length).toBe(9);
    expect(csv[3]).toMatchObject({
      model: "gpt-4.1-mini-2025-04-14",
      sku: "global",
      invoiceTokens: "500000",
      eventTokens: "0",
      invoicedCost: "0.20",
      cause: "usage that bypassed the gateway: on the bill, not in events",
    });
    expect(csv[8]).toMatchObject({ region: "total", invoicedCost: "5.56", computedCost: "6.31", variance: "-0.75", variancePercent: "-11.9" });

    // Without org mappings both apps are unmapped: each is its own group, and they sum to the invoice.
    const trueUp = json<{ invoice: string; businessUnits: { actual: string }[] }>(await runCli(["trueup", "--month", "2026-11"], { db }));
    expect(trueUp.invoice).toBe("5.56");
    expect(trueUp.businessUnits.map((b) => b.actual)).toEqual(["1.02", "4.54"]);
    expect((await runCli(["trueup", "--month", "2026-11", "--unmatched", "CC-9"], { db })).stderr).toBe(
      'chargeback: no cost center "CC-9" in the org mappings\n',
    );
  });

  it("draws a progress line on stderr when stderr is a terminal", async () => {
    const { file: db, dir } = freshStore();
    const { focus } = writeExports(dir);
    // util-linux `script` gives the command a pseudo-terminal; stdout goes to a file, so what
    // reaches the terminal is stderr.
    const bin = path.resolve(__dirname, "..", "..", "bin", "chargeback.js");
    const command = `${process.execPath} ${bin} invoice import ${focus} > ${path.join(dir, "out.json")}`;
    const tty = await promisify(execFile)("script", ["-qec", command, "/dev/null"], {
      encoding: "utf8",
      env: { ...process.env, CHARGEBACK_DATABASE_URL: `file:${db}` },
    });
    expect(tty.stdout).toContain(`${focus} [========================================] 100% ${fs.statSync(focus).size}/${fs.statSync(focus).size} bytes`);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "out.json"), "utf8"))[0]).toMatchObject({ counted: 11 });
  });

  it("refuses a file missing columns it needs whole, in one line, naming them, and imports nothing", async () => {
    const { file: db, dir } = freshStore();
    const bad = path.join(dir, "bad.csv");
    fs.writeFileSync(bad, "ChargePeriodStart,ChargeCategory,BilledCost,Colour\n2026-11-02,Usage,1,red\n");
    const result = await runCli(["invoice", "import", bad], { db });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(ONE_LINE_ERROR);
    expect(result.stderr).toContain(
      "missing EffectiveCost, ConsumedQuantity or UsageQuantity, ConsumedUnit or UsageUnit, PricingQuantity, PricingUnit, ResourceId, RegionId or Region, x_SkuMeterName or SkuMeter, BillingCurrency); nothing imported",
    );
    expect(json(await runCli(["reconcile", "--month", "2026-11"], { db }))).toMatchObject({ rows: [], total: { invoicedCost: "0.00" } });
    expect((await runCli(["reconcile", "--month", "2026-13"], { db })).stderr).toMatch(ONE_LINE_ERROR);
    expect((await runCli(["invoice", "import", path.join(dir, "nope.csv")], { db })).stderr).toBe(
      `chargeback: cannot read ${path.join(dir, "nope.csv")}: no such file\n`,
    );
  });
});
