import fs from "node:fs";
import os from "node:os";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { importUploadedInvoice, UPLOAD_MAX_BYTES } from "../../../lib/invoice/importUploadedInvoice";
import { focusExport } from "../../support/invoiceScenario";
import { freshStore } from "../../support/store";

const leftovers = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith("chargeback-invoice-"));

describe("an export uploaded from the browser", () => {
  it("imports as the CLI does, under its own name, once; a broken file imports nothing and says why", async () => {
    const { store } = freshStore();
    const before = leftovers();
    const bytes = new Uint8Array(gzipSync(focusExport()));
    const summary = await importUploadedInvoice(store, { name: "november.csv.gz", bytes });
    expect(summary).toMatchObject({ file: "november.csv.gz", format: "focus", alreadyImported: false });
    expect(summary.counted).toBeGreaterThan(0);
    expect((await store.listInvoiceImports()).map((i) => i.file)).toEqual(["november.csv.gz"]);
    expect((await importUploadedInvoice(store, { name: "again.csv.gz", bytes })).alreadyImported).toBe(true);

    // A file missing a column it needs is refused whole, naming the upload, not the temporary file.
    const broken = focusExport().replace("BilledCost", "Billed");
    await expect(importUploadedInvoice(store, { name: "broken.csv", bytes: new TextEncoder().encode(broken) })).rejects.toThrow(/^broken\.csv: /);
    await expect(importUploadedInvoice(store, { name: "empty.csv", bytes: new Uint8Array() })).rejects.toThrow("empty.csv: empty file; nothing imported");
    await expect(importUploadedInvoice(store, { name: "huge.csv", bytes: new Uint8Array(UPLOAD_MAX_BYTES + 1) })).rejects.toThrow(
      "huge.csv: over 5 MB; gzip it, or import it with chargeback invoice import; nothing imported",
    );
    expect(await store.listInvoiceImports()).toHaveLength(1);
    expect(leftovers()).toEqual(before);
  });
});
