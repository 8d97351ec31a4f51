import { describe, expect, it } from "vitest";
import { parseRetailPricePage } from "../../lib/pricing/importRetailPrices";
import type { CatalogRow } from "../../lib/pricing/priceCatalog";
import { SKIP_REASONS } from "../../lib/pricing/skippedMeters";
import { json, runCli } from "../support/cli";
import { SNAPSHOT_FILES } from "../support/retailPrices";
import { freshStore } from "../support/store";
import fs from "node:fs";

const meterKey = (region: string, productName: string, meterName: string, unit: string) => [region, productName, meterName, unit].join(" | ");

describe("chargeback prices catalog", () => {
  it("lists every imported meter once per region, priced or skipped with a product reason", async () => {
    const { file: db } = freshStore();
    expect((await runCli(["prices", "import", ...SNAPSHOT_FILES], { db })).status).toBe(0);
    // A region at a time: the three at once are more than a child's default output buffer.
    const rows: CatalogRow[] = [];
    for (const region of ["eastus2", "swedencentral", "westeurope"]) {
      rows.push(...json<CatalogRow[]>(await runCli(["prices", "catalog", "--region", region, "--format", "json"], { db })));
    }

    const imported = new Set(
      SNAPSHOT_FILES.flatMap((file) => parseRetailPricePage(fs.readFileSync(file, "utf8"), file)).map((i) =>
        meterKey(i.armRegionName, i.productName, i.meterName, i.unitOfMeasure),
      ),
    );
    expect(rows.map((r) => meterKey(r.region, r.productName, r.meterName, r.unitOfMeasure)).sort()).toEqual([...imported].sort());
    const decisions = new Set<string>(Object.values(SKIP_REASONS));
    expect(rows.filter((r) => r.status === "skipped" && !decisions.has(r.reason!))).toEqual([]);
    expect(rows.find((r) => r.region === "eastus2" && r.meterName === "5.6 sol ShortCo Cd Wr PP DZ 1M Tokens")).toEqual({
      meterName: "5.6 sol ShortCo Cd Wr PP DZ 1M Tokens",
      productName: "Azure OpenAI GPT5",
      region: "eastus2",
      unitOfMeasure: "1M",
      status: "priced",
      model: "gpt-5.6-sol",
      sku: "datazone",
      kind: "cacheWrite",
      tier: "priority",
      context: "standard",
      reason: null,
    });
    expect(rows.find((r) => r.region === "eastus2" && r.meterName === "Mngd H100_80GB Gl")).toMatchObject({
      status: "skipped",
      model: null,
      reason: SKIP_REASONS.managedCompute,
    });
  });

  it("lists one region as a table with a count, and refuses a malformed region", async () => {
    const { file: db } = freshStore();
    await runCli(["prices", "import", ...SNAPSHOT_FILES], { db });
    const sweden = json<CatalogRow[]>(await runCli(["prices", "catalog", "--region", "swedencentral", "--format", "json"], { db }));
    expect(new Set(sweden.map((r) => r.region))).toEqual(new Set(["swedencentral"]));

    const table = await runCli(["prices", "catalog", "--region", "swedencentral"], { db });
    const lines = table.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("status\tregion\tproductName\tmeterName\tunitOfMeasure\tmodel\tsku\ttier\tcontext\tkind\treason");
    const priced = sweden.filter((r) => r.status === "priced").length;
    expect(lines.at(-1)).toBe(`${sweden.length} meters: ${priced} priced, ${sweden.length - priced} skipped`);
    expect(lines).toHaveLength(sweden.length + 2);

    expect(await runCli(["prices", "catalog", "--region", "Sweden Central"], { db })).toMatchObject({
      status: 1,
      stderr: "chargeback: --region: must be an armRegionName such as eastus2\n",
    });
  });
});
