import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { chargebackHeader, chargebackRows } from "../../../lib/exports/chargebackRangeCsv";
import { focusHeader, focusRows } from "../../../lib/exports/focusCsv";
import { importOrgMappings } from "../../../lib/org/importOrgMappings";
import { importDeployments } from "../../../lib/pricing/importDeployments";
import { importRetailPrices } from "../../../lib/pricing/importRetailPrices";
import { getAppReport } from "../../../lib/reports/getAppReport";
import { ALL_UNITS } from "../../../lib/reports/reportScope";
import { closeMonth } from "../../../lib/statements/closeMonth";
import { getStatement, statementCsv } from "../../../lib/statements/getStatement";
import { ingestLines } from "../../support/ingest";
import { snapshotItems } from "../../support/retailPrices";
import { freshStore } from "../../support/store";
import { v1Event } from "../../support/ingest";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { leading } from "../../support/arrays";

const sol = {
  deployment: "sol",
  model: "gpt-5.6-sol",
  promptTokens: 10_000,
  cachedTokens: 2_000,
  cacheWriteTokens: 3_000,
  completionTokens: 500,
  totalTokens: 10_500,
};

async function monthWithBilledKinds() {
  const { store } = freshStore();
  await importRetailPrices(
    store,
    snapshotItems().filter((i) => i.armRegionName === "eastus2"),
  );
  await importDeployments(store, "deployment,model,region,sku\nsol,gpt-5.6-sol,eastus2,GlobalStandard\n", "d.csv");
  await importOrgMappings(store, "appId,costCenter,businessUnit,validFrom\napp-1,CC-1,Retail,2026-01-01\n", "org.csv");
  await ingestLines(store, [
    v1Event({ ...sol, requestId: "a" }),
    v1Event({ ...sol, requestId: "b", serviceTier: "priority" }),
    v1Event({ ...sol, requestId: "c", promptTokens: 300_000, totalTokens: 300_500, audioInputTokens: 0 }),
  ]);
  return store;
}

const BILLED = { cacheWriteTokens: "9000", priorityTokens: "10500", longContextTokens: "300500", audioInputTokens: "0" };

describe("tokens billed apart in reports and exports", () => {
  it("show in the app report, the chargeback CSV, FOCUS and the frozen statement", async () => {
    const store = await monthWithBilledKinds();
    const app = await getAppReport(new LedgerReader(store), "app-1", "2026-11", ALL_UNITS);
    expect(app?.tokens.billed).toEqual({ cacheWriteTokens: 9_000, priorityTokens: 10_500, longContextTokens: 300_500 });

    const [csv] = parse(chargebackHeader() + (await chargebackRows(new LedgerReader(store), "2026-11", "app", ALL_UNITS)), { columns: true }) as Record<
      string,
      string
    >[];
    expect(csv).toMatchObject(BILLED);
    const [focus] = leading(
      parse(focusHeader() + (await focusRows(new LedgerReader(store), "2026-11", ALL_UNITS)), { columns: true }) as Record<string, string>[],
      1,
    );
    expect(focus).toMatchObject({ x_CacheWriteTokens: "9000", x_PriorityTokens: "10500", x_LongContextTokens: "300500", x_AudioInputTokens: "0" });
    // SkuMeter names the meter of each kind, priority and long-context ones included.
    expect(focus.SkuMeter).toContain("5.6 sol ShortCo Cd Wr Std Gl 1M Tokens");
    expect(focus.SkuMeter).toContain("5.6 sol ShortCo Cd Wr PP Gl 1M Tokens");
    expect(focus.SkuMeter).toContain("5.6 sol LongCo Cd Wr Std Gl 1M Tokens");
    // Meters only: the prices and their days are in x_Prices.
    expect(focus.SkuMeter).not.toMatch(/ per | from \d/);
    expect(focus.x_Prices).toContain("5.6 sol LongCo Cd Wr Std Gl 1M Tokens at ");

    await closeMonth(store, "2026-11", "finance", Date.UTC(2026, 11, 2));
    const statement = await getStatement(store, "2026-11", "Retail");
    const [line] = parse(statementCsv(statement!), { columns: true }) as Record<string, string>[];
    expect(line).toMatchObject(BILLED);
  });
});
