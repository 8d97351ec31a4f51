import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importInvoiceFile } from "../../../lib/invoice/importInvoiceFile";
import { getTrueUp } from "../../../lib/reconciliation/getTrueUp";
import { getReconciliation } from "../../../lib/reconciliation/getReconciliation";
import { getChargebackReport } from "../../../lib/reports/getChargebackReport";
import { DIRECT_RESOURCE, focusExport, GATEWAY_RESOURCE, loadScenarioUsage, writeExports } from "../../support/invoiceScenario";
import { freshStore } from "../../support/store";
import { parseCents } from "../../../lib/core/money";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";

const gateway = GATEWAY_RESOURCE.toLowerCase();
const direct = DIRECT_RESOURCE.toLowerCase();
const row = (
  region: string,
  model: string,
  sku: string,
  kind: string,
  resources: string[],
  deployments: string[],
  invoiceTokens: number,
  eventTokens: number,
  invoicedCost: string,
  computedCost: string,
  variance: string,
  variancePercent: string | null,
  credits: string,
  cause: string,
) => ({
  region,
  model,
  sku,
  kind,
  resources,
  deployments,
  invoiceTokens,
  eventTokens,
  invoicedCost,
  computedCost,
  variance,
  variancePercent,
  credits,
  cause,
});
const PRICE = "price difference: negotiated discount or a price change";

// Every figure by hand from the scenario (tests/support/invoiceScenario.ts) and the Retail Prices
// snapshot: gpt-4o Global $0.0025 in / $0.01 out per 1K; gpt-4.1-mini Data Zone $0.00044 in,
// $0.00011 cached, $0.00176 out; gpt-4o Standard in swedencentral $0.00275 in / $0.011 out.
const EXPECTED_ROWS = [
  // 1,000 calls × 4,000 cached = 4M tokens: $0.44 at list; billed $0.40.
  row("eastus2", "gpt-4.1-mini-2025-04-14", "datazone", "cached", [gateway], ["mini"], 4_000_000, 4_000_000, "0.40", "0.44", "-0.04", "-9.1", "0.00", PRICE),
  // 1,000 × 6,000 uncached = 6M: $2.64; billed $2.38.
  row("eastus2", "gpt-4.1-mini-2025-04-14", "datazone", "input", [gateway], ["mini"], 6_000_000, 6_000_000, "2.38", "2.64", "-0.26", "-9.8", "0.00", PRICE),
  // 1,000 × 1,000 = 1M: $1.76; billed $1.58.
  row("eastus2", "gpt-4.1-mini-2025-04-14", "datazone", "output", [gateway], ["mini"], 1_000_000, 1_000_000, "1.58", "1.76", "-0.18", "-10.2", "0.00", PRICE),
  // The lab's classic export: 300 + 200 thousand tokens, $0.12 + $0.08, none through the gateway.
  row(
    "eastus2",
    "gpt-4.1-mini-2025-04-14",
    "global",
    "input",
    [direct],
    [],
    500_000,
    0,
    "0.20",
    "0.00",
    "0.20",
    null,
    "0.00",
    "usage that bypassed the gateway: on the bill, not in events",
  ),
  // Events: 2 days × 100 × 1,000 = 200,000 ($0.50). Bill: the 4th too (300,000, $0.75) less a $0.05 credit.
  row(
    "eastus2",
    "gpt-4o-2024-08-06",
    "global",
    "input",
    [gateway],
    ["gpt-4o"],
    300_000,
    200_000,
    "0.70",
    "0.50",
    "0.20",
    "40.0",
    "-0.05",
    "usage that bypassed the gateway (or events missing): more tokens billed than in events",
  ),
  row(
    "eastus2",
    "gpt-4o-2024-08-06",
    "global",
    "output",
    [gateway],
    ["gpt-4o"],
    30_000,
    20_000,
    "0.30",
    "0.20",
    "0.10",
    "50.0",
    "0.00",
    "usage that bypassed the gateway (or events missing): more tokens billed than in events",
  ),
  // 200 calls × 1,000 = 200,000 at $0.00275 = $0.55; × 100 = 20,000 at $0.011 = $0.22; not on this bill.
  row(
    "swedencentral",
    "gpt-4o-2024-08-06",
    "regional",
    "input",
    [],
    ["sweden"],
    0,
    200_000,
    "0.00",
    "0.55",
    "-0.55",
    "-100.0",
    "0.00",
    "events with no bill line: wrong deployment mapping (SKU, model) or region",
  ),
  row(
    "swedencentral",
    "gpt-4o-2024-08-06",
    "regional",
    "output",
    [],
    ["sweden"],
    0,
    20_000,
    "0.00",
    "0.22",
    "-0.22",
    "-100.0",
    "0.00",
    "events with no bill line: wrong deployment mapping (SKU, model) or region",
  ),
];

async function scenario() {
  const { store, dir } = freshStore();
  await loadScenarioUsage(store);
  const files = writeExports(dir);
  return { store, dir, files };
}

describe("reconciling November to the bill", () => {
  it("gives every meter's tokens, cost, variance and likely cause to the cent, and lists the days with a large gap", async () => {
    const { store, files } = await scenario();
    await importInvoiceFile(store, files.focus);
    await importInvoiceFile(store, files.classic);
    const r = await getReconciliation(store, "2026-11");
    expect(r.rows).toEqual(EXPECTED_ROWS);
    expect(r.total).toEqual({
      invoiceTokens: 11_830_000,
      eventTokens: 11_440_000,
      invoicedCost: "5.56",
      computedCost: "6.31",
      variance: "-0.75",
      variancePercent: "-11.9",
    });
    expect(r.gapDays).toEqual([
      { day: "2026-11-03", invoiceTokens: 110_000, eventTokens: 330_000, invoicedCost: "0.35", computedCost: "1.12", variance: "-0.77" },
      { day: "2026-11-04", invoiceTokens: 110_000, eventTokens: 0, invoicedCost: "0.35", computedCost: "0.00", variance: "0.35" },
      { day: "2026-11-10", invoiceTokens: 300_000, eventTokens: 0, invoicedCost: "0.12", computedCost: "0.00", variance: "0.12" },
      { day: "2026-11-11", invoiceTokens: 200_000, eventTokens: 0, invoicedCost: "0.08", computedCost: "0.00", variance: "0.08" },
    ]);
    expect(r.otherCurrencies).toEqual({});
    // The summary by cause: each cause's meters and variance, adding up (with the meters that match) to the total.
    expect(r.invoiced).toBe(true);
    const cents = (v: string) => parseCents(v);
    for (const c of r.causes) {
      const rows = r.rows.filter((x) => x.cause === c.cause);
      expect(c.meters).toBe(rows.length);
      expect(cents(c.variance)).toBe(rows.reduce((sum, x) => sum + cents(x.variance), 0n));
    }
    const matching = r.rows.filter((x) => x.cause === "matches").reduce((sum, x) => sum + cents(x.variance), 0n);
    expect(r.causes.reduce((sum, c) => sum + cents(c.variance), 0n) + matching).toBe(cents(r.total.variance));
    const sizes = r.causes.map((c) => {
      const v = cents(c.variance);
      return v < 0n ? -v : v;
    });
    expect([...sizes].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(sizes);
    // Our side is the reports' own figure.
    expect((await getChargebackReport(new LedgerReader(store), "2026-11", "model")).total).toBe(r.total.computedCost);
  });

  it("counts each file once: importing both again changes nothing", async () => {
    const { store, files, dir } = await scenario();
    await importInvoiceFile(store, files.focus);
    await importInvoiceFile(store, files.classic);
    const once = await getReconciliation(store, "2026-11");
    const again = await importInvoiceFile(store, files.focus);
    expect(again.alreadyImported).toBe(true);
    // The same content uncompressed is the same file.
    const plain = path.join(dir, "focus.csv");
    fs.writeFileSync(plain, (await import("node:zlib")).gunzipSync(fs.readFileSync(files.focus)));
    expect((await importInvoiceFile(store, plain)).alreadyImported).toBe(true);
    await importInvoiceFile(store, files.classic);
    expect(await getReconciliation(store, "2026-11")).toEqual(once);
    expect((await store.listInvoiceImports()).length).toBe(2);
  });

  it("lets a fuller month-to-date export supersede the earlier one, which would otherwise add to it", async () => {
    const { store, files, dir } = await scenario();
    await importInvoiceFile(store, files.classic);
    await importInvoiceFile(store, files.focus);
    const expected = await getReconciliation(store, "2026-11");
    // The export of the 2nd: the same resource, the same month, fewer days.
    const early = path.join(dir, "focus-to-the-2nd.csv");
    fs.writeFileSync(
      early,
      focusExport()
        .split("\n")
        .filter((line, i) => i === 0 || line.includes(",2026-11-02T00:00:00Z,"))
        .join("\n"),
    );

    const { store: other } = freshStore();
    await loadScenarioUsage(other);
    await importInvoiceFile(other, files.classic);
    const first = await importInvoiceFile(other, early);
    expect(first.counted).toBe(5);
    const fuller = await importInvoiceFile(other, files.focus, { supersede: true });
    expect(fuller.superseded).toEqual([first.id]); // not the classic export: other resources
    expect(await getReconciliation(other, "2026-11")).toEqual(expected);

    // Without --supersede the two exports add up: the 2nd would count twice.
    const { store: doubled } = freshStore();
    await loadScenarioUsage(doubled);
    await importInvoiceFile(doubled, early);
    await importInvoiceFile(doubled, files.focus);
    expect((await getReconciliation(doubled, "2026-11")).rows.find((r) => r.model === "gpt-4.1-mini-2025-04-14" && r.kind === "input")?.invoiceTokens).toBe(
      12_000_000,
    );
  });

  it("with no bill imported, says so and blames nothing: our side alone, and no true-up", async () => {
    const { store } = await scenario();
    const r = await getReconciliation(store, "2026-11");
    expect(r.invoiced).toBe(false);
    expect(r.total).toMatchObject({ invoicedCost: "0.00", computedCost: "6.31" });
    expect(new Set(r.rows.map((x) => x.cause))).toEqual(new Set([""]));
    expect(r.causes).toEqual([]);
    await expect(getTrueUp(store, "2026-11", "pro-rata")).rejects.toThrow(
      "no invoice is imported for 2026-11: run chargeback invoice import with the month's cost export first",
    );
  });
});
