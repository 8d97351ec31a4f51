import fs from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { closeMonth } from "../../lib/statements/closeMonth";
import { json, runCli } from "../support/cli";
import { pdfRows } from "../support/pdfText";
import { freshStore } from "../support/store";
import { NOV_5, seedOctoberAndNovember } from "../support/twoMonths";
import { itemAt } from "../../lib/core/arrays";

describe("chargeback statement", () => {
  it("writes a unit's PDF, CSV or JSON, or the month's pack, and refuses an open month or a missing unit", async () => {
    const { store, file, dir } = freshStore();
    await seedOctoberAndNovember(store);
    const out = path.join(dir, "out");
    expect((await runCli(["statement", "--month", "2026-10", "--business-unit", "Retail", "--out", out], { db: file })).stderr).toBe(
      "chargeback: 2026-10 is not closed yet: statements are issued when finance closes the month\n",
    );
    await closeMonth(store, "2026-10", "Fiona", NOV_5);

    const pdf = json<{ file: string; bytes: number }>(
      await runCli(["statement", "--month", "2026-10", "--business-unit", "Retail", "--out", out], { db: file }),
    );
    expect(pdf.file).toBe(path.join(out, "statement-2026-10-Retail.pdf"));
    const pages = await pdfRows(fs.readFileSync(pdf.file));
    expect(pages).toHaveLength(2);
    expect(itemAt(pages, 0).map((r) => r.join(" "))).toContain("Total for 2026-10 USD 3.50");

    const csv = json<{ file: string }>(
      await runCli(["statement", "--month", "2026-10", "--business-unit", "Retail", "--format", "csv", "--out", out], { db: file }),
    );
    expect(fs.readFileSync(csv.file, "utf8").trim().split("\n").at(-1)).toContain(",Total,");
    const pack = json<{ file: string }>(await runCli(["statement", "--month", "2026-10", "--all", "--out", out], { db: file }));
    expect(Object.keys((await JSZip.loadAsync(fs.readFileSync(pack.file))).files).sort()).toEqual([
      "statement-2026-10-Marketing.pdf",
      "statement-2026-10-Retail.pdf",
      "statements-2026-10.csv",
    ]);

    const refused = async (args: string[]) => (await runCli(["statement", "--month", "2026-10", ...args, "--out", out], { db: file })).stderr;
    expect(await refused(["--business-unit", "Nowhere"])).toBe("chargeback: Nowhere has no statement for 2026-10: it had no cost in the month\n");
    expect(await refused([])).toBe("chargeback: name a --business-unit, or give --all for every unit's statement\n");
    expect(await refused(["--all", "--format", "csv"])).toBe("chargeback: --all writes the PDF pack (a ZIP): leave --format out or make it pdf\n");
    expect(await refused(["--business-unit", "Retail", "--format", "xml"])).toBe("chargeback: --format: must be pdf, csv or json\n");
  });
});
