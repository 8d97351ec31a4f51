import { describe, expect, it } from "vitest";
import type { InvoiceImport } from "../../../lib/invoice/invoiceLine";
import { supersededImports } from "../../../lib/invoice/supersededImports";

const imp = (id: string, fromDay: string, toDay: string, resources: string[]): InvoiceImport => ({
  id,
  file: `${id}.csv`,
  format: "focus",
  rows: 1,
  counted: 1,
  skipped: {},
  fromDay,
  toDay,
  resources,
  importedAt: 0,
});

describe("which imports a newer export supersedes", () => {
  const latest = imp("new", "2026-11-01", "2026-11-20", ["/a", "/b"]);
  it("those of its months and resources only", () => {
    expect(
      supersededImports(latest, [
        imp("mtd", "2026-11-01", "2026-11-10", ["/a"]),
        imp("both", "2026-11-02", "2026-11-19", ["/a", "/b"]),
        imp("other-resource", "2026-11-01", "2026-11-10", ["/c"]),
        imp("october-too", "2026-10-28", "2026-11-03", ["/a"]),
        imp("december", "2026-12-01", "2026-12-02", ["/a"]),
        imp("empty", "", "", []),
        latest,
      ]),
    ).toEqual(["mtd", "both"]);
  });
});
