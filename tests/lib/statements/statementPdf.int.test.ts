import JSZip from "jszip";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { importOrgMappings } from "../../../lib/org/importOrgMappings";
import { importDeployments } from "../../../lib/pricing/importDeployments";
import { importRetailPrices } from "../../../lib/pricing/importRetailPrices";
import { closeMonth } from "../../../lib/statements/closeMonth";
import { getStatement } from "../../../lib/statements/getStatement";
import { issuedStatements } from "../../../lib/statements/issuedStatements";
import { getStatementPack } from "../../../lib/statements/statementPack";
import { getStatementPdf } from "../../../lib/statements/statementPdf";
import type { UsageStore } from "../../../lib/store/port";
import { ingestLines, v1Event } from "../../support/ingest";
import { cents, pdfRows } from "../../support/pdfText";
import { snapshotItems } from "../../support/retailPrices";
import { freshStore } from "../../support/store";
import { itemAt } from "../../../lib/core/arrays";

const ISSUER = "Contoso Finance";
const NOV_5 = Date.UTC(2026, 10, 5);
const app = (i: number) => `app-${String(i).padStart(3, "0")}`;

/** Retail has `apps` apps on two cost centers, each calling gpt-4o on a day of October (and the first five in September too); Marketing one. */
async function unitWithApps(apps: number): Promise<UsageStore> {
  const { store } = freshStore();
  await importRetailPrices(store, snapshotItems());
  await importDeployments(store, "deployment,model,region,sku\ngpt-4o,gpt-4o-2024-08-06,eastus2,GlobalStandard\n", "d.csv");
  const org = Array.from({ length: apps }, (_, i) => `${app(i)},CC-${i % 2 ? "Stores" : "Online"},Retail,2020-01-01`);
  await importOrgMappings(store, ["appId,costCenter,businessUnit,validFrom", ...org, "mkt-1,CC-Brand,Marketing,2020-01-01"].join("\n"), "org.csv");
  const calls = (appId: string, day: string, n: number) =>
    Array.from({ length: n }, (_, k) => v1Event({ requestId: `${appId}-${day}-${k}`, appId, time: `${day}T10:00:00Z`, cachedTokens: k % 2 ? 500 : 0 }));
  await ingestLines(store, [
    ...Array.from({ length: 5 }, (_, i) => calls(app(i), "2026-09-15", 3)).flat(),
    ...Array.from({ length: apps }, (_, i) => calls(app(i), "2026-10-10", 1 + (i % 4))).flat(),
    ...calls("mkt-1", "2026-10-11", 2),
  ]);
  await closeMonth(store, "2026-09", "Fiona", Date.UTC(2026, 9, 3));
  await closeMonth(store, "2026-10", "Fiona", NOV_5);
  return store;
}

/** Checks that each detail page adds up: brought forward + its lines = its subtotal carried on; returns the final total. */
function checkDetailPages(pages: string[][][]): bigint {
  let carried = 0n;
  let total: bigint | null = null;
  for (const rows of pages.slice(1)) {
    const header = rows.findIndex((r) => r[0] === "Cost center");
    if (header < 0) continue; // the rates' page
    const subtotalAt = rows.findIndex((r) => r[0] === "Page subtotal");
    let body = rows.slice(header + 1, subtotalAt);
    if (itemAt(body, 0)?.[0] === "Brought forward") {
      expect(cents(itemAt(body, 0).at(-1) as string)).toBe(carried);
      body = body.slice(1);
    }
    const lines = body.reduce((sum, r) => sum + cents(r.at(-1) as string), 0n);
    expect(cents(itemAt(rows, subtotalAt).at(-1) as string)).toBe(lines);
    const closing = itemAt(rows, subtotalAt + 1);
    carried += lines;
    expect(cents(closing.at(-1) as string)).toBe(carried);
    if (itemAt(closing, 0).startsWith("Total")) total = carried;
    else expect(itemAt(closing, 0)).toBe("Carried forward");
  }
  expect(total).not.toBeNull();
  return total as bigint;
}

describe("the statement PDF", () => {
  it("puts a 25-line unit on two A4 pages: a summary beside last month, then compact lines whose page totals add up", async () => {
    const store = await unitWithApps(25);
    const statement = (await getStatement(store, "2026-10", "Retail"))!;
    expect(statement.lines).toHaveLength(25);
    const pdf = (await getStatementPdf(store, "2026-10", "Retail", ISSUER))!;
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const pages = await pdfRows(pdf);
    expect(pages).toHaveLength(2);
    const text = pages.map((rows) => rows.map((r) => r.join(" ")));
    const [number] = (await issuedStatements(store, "2026-10")).filter((s) => s.businessUnit === "Retail").map((s) => s.number);
    expect(number).toMatch(/^CB-202610-1-RETAIL-[0-9A-F]{4}$/);

    // The summary: issuer, number, unit, period, currency, the total; by cost center and app beside September.
    expect(itemAt(text, 0)).toEqual(
      expect.arrayContaining([
        ISSUER,
        "Chargeback statement",
        `Statement number ${number}`,
        "Business unit Retail",
        "Period 2026-10-01 to 2026-10-31 (UTC)",
        "Currency USD",
        `Total for 2026-10 USD ${statement.total}`,
        "By cost center 2026-09 2026-10 Change",
        `Statement ${number} Page 1 of 2`,
      ]),
    );
    const september = (await getStatement(store, "2026-09", "Retail"))!;
    const totals = itemAt(pages, 0).filter((r) => r[0] === "Total");
    expect(totals).toHaveLength(2);
    for (const t of totals) expect(t.slice(1)).toEqual([september.total, statement.total, (Number(statement.total) - Number(september.total)).toFixed(2)]);
    const byCostCenter = itemAt(pages, 0).slice(itemAt(pages, 0).findIndex((r) => r[0] === "By cost center") + 1, itemAt(pages, 0).indexOf(itemAt(totals, 0)));
    expect(byCostCenter.map((r) => r[0])).toEqual(["CC-Online", "CC-Stores"]);
    expect(byCostCenter.reduce((s, r) => s + cents(itemAt(r, 2)), 0n)).toBe(cents(statement.total));

    // The detail: one row per line, no meter text in it, page totals that add up to the statement's.
    expect(checkDetailPages(pages)).toBe(cents(statement.total));
    const detail = itemAt(pages, 1).slice(
      itemAt(pages, 1).findIndex((r) => r[0] === "Cost center") + 1,
      itemAt(pages, 1).findIndex((r) => r[0] === "Page subtotal"),
    );
    expect(detail).toHaveLength(25);
    expect(detail.every((r) => r.length === 6 && r[2] === "gpt-4o-2024-08-06")).toBe(true);
    // The rates are one table at the end, each once.
    const rates = itemAt(text, 1).slice(itemAt(text, 1).indexOf("Rates used (per token, from the day shown)") + 1, -1);
    expect(rates.length).toBeGreaterThan(0);
    expect(new Set(rates).size).toBe(rates.length);
    expect(rates.every((r) => / at [\d.]+ per token from \d{4}-\d{2}-\d{2}/.test(r))).toBe(true);
    expect(itemAt(text, 1).at(-1)).toBe(`Statement ${number} Page 2 of 2`);
  });

  it("carries the running total over many pages, and numbers every page", async () => {
    const store = await unitWithApps(130);
    const pages = await pdfRows((await getStatementPdf(store, "2026-10", "Retail", ISSUER))!);
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(checkDetailPages(pages)).toBe(cents((await getStatement(store, "2026-10", "Retail"))!.total));
    pages.forEach((rows, i) => expect(rows.at(-1)?.join(" ")).toMatch(new RegExp(`Page ${i + 1} of ${pages.length}$`)));
    // Continuation pages say whose statement they are.
    for (const rows of pages.slice(1))
      expect(itemAt(rows, 0).join(" ")).toMatch(/^Contoso Finance · Statement CB-202610-1-RETAIL-.{4} · Retail · 2026-10-01 to 2026-10-31$/);
  });

  it("is issued only for a closed month, and the pack holds every unit's PDF with an index", async () => {
    const store = await unitWithApps(3);
    expect(await getStatementPdf(store, "2026-11", "Retail", ISSUER)).toBeNull();
    expect(await getStatementPack(store, "2026-11", ISSUER)).toBeNull();
    const zip = await JSZip.loadAsync((await getStatementPack(store, "2026-10", ISSUER))!);
    expect(Object.keys(zip.files).sort()).toEqual(["statement-2026-10-Marketing.pdf", "statement-2026-10-Retail.pdf", "statements-2026-10.csv"]);
    const index = parse(await zip.file("statements-2026-10.csv")!.async("string"), { columns: true }) as Record<string, string>[];
    const issued = await issuedStatements(store, "2026-10");
    expect(index).toEqual(
      issued.map((s) => ({ number: s.number, businessUnit: s.businessUnit, total: s.total, currency: "USD", file: `statement-2026-10-${s.businessUnit}.pdf` })),
    );
    const marketing = await pdfRows(await zip.file("statement-2026-10-Marketing.pdf")!.async("uint8array"));
    expect(itemAt(marketing, 0).map((r) => r.join(" "))).toContain(`Statement number ${itemAt(issued, 0).number}`);
  });
});
