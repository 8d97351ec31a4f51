import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { importInvoiceFile } from "../../../lib/invoice/importInvoiceFile";
import { freshStore } from "../../support/store";

const HEADER =
  "ChargePeriodStart,ChargeCategory,BilledCost,EffectiveCost,ConsumedQuantity,ConsumedUnit,PricingQuantity,PricingUnit,ResourceId,RegionId,BillingCurrency,Tags,x_SkuMeterName";
// Resource group names may hold any Unicode letter: here enough of them that chunk boundaries
// fall inside one (a character cut in two would make another resource).
const RESOURCE = `/subscriptions/s/resourceGroups/rg-Équipe-${"☃".repeat(80)}/providers/Microsoft.CognitiveServices/accounts/aoai`;
// Multi-byte characters, quoted commas, doubled quotes and a line break inside a quoted cell, on
// every row, so that chunk boundaries fall inside them somewhere in a file of several chunks.
const row = (i: number) =>
  `2026-11-0${1 + (i % 3)}T00:00:00Z,Usage,0.0${i % 10}5,0.0${i % 10}4,0.${i % 7}5,1K Tokens,0.${i % 7}5,1K Tokens,${RESOURCE},eastus2,USD,"{""équipe"":""☃ IA, plateforme"",""note"":""a\r\nb""}",gpt-4o-0806-Inp-glbl Tokens`;
const ROWS = 3000;
const csv = `\uFEFF${HEADER}\r\n${Array.from({ length: ROWS }, (_, i) => row(i)).join("\r\n")}\r\n`;

describe("importing an export file", () => {
  it("reads rows across chunk boundaries exactly, compressed or not, with a byte-order mark and CRLF", async () => {
    expect(Buffer.byteLength(csv)).toBeGreaterThan(4 * 65_536);
    const { store, dir } = freshStore();
    const plain = path.join(dir, "focus.csv");
    const gzipped = path.join(dir, "focus.csv.gz");
    fs.writeFileSync(plain, csv);
    fs.writeFileSync(gzipped, gzipSync(csv));
    const summary = await importInvoiceFile(store, plain);
    expect(summary).toMatchObject({ format: "focus", rows: ROWS, counted: ROWS, skipped: {}, lines: 3, alreadyImported: false });
    expect((await importInvoiceFile(store, gzipped)).alreadyImported).toBe(true);

    const lines = await store.listInvoiceLines("2026-11-01", "2026-12-01");
    let tokens = 0n;
    let billed = 0n;
    let effective = 0n;
    for (let i = 0; i < ROWS; i++) {
      tokens += BigInt(50 + (i % 7) * 100);
      billed += BigInt(5 + (i % 10) * 10) * 10n ** 15n;
      effective += BigInt(4 + (i % 10) * 10) * 10n ** 15n;
    }
    expect(lines.map((l) => [l.day, l.resourceId])).toEqual(["2026-11-01", "2026-11-02", "2026-11-03"].map((day) => [day, RESOURCE.toLowerCase()]));
    expect(lines.reduce((s, l) => s + l.tokens, 0n)).toBe(tokens);
    expect(lines.reduce((s, l) => s + l.billedAtto, 0n)).toBe(billed);
    expect(lines.reduce((s, l) => s + l.effectiveAtto, 0n)).toBe(effective);
    expect(lines.reduce((s, l) => s + l.rows, 0)).toBe(ROWS);
  });

  it("refuses a file with a malformed quote whole, naming the row", async () => {
    const { store, dir } = freshStore();
    const bad = path.join(dir, "bad.csv");
    fs.writeFileSync(bad, `${HEADER}\n${row(1)}\n${row(2).replace("gpt-4o", '"gpt-4o')}\n`);
    await expect(importInvoiceFile(store, bad)).rejects.toThrow(new RegExp(`^${bad}: .*quote.*\\(row \\d+\\); nothing imported$`, "i"));
    expect(await store.listInvoiceImports()).toEqual([]);
  });
});
