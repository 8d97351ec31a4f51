import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { json, runCli } from "../support/cli";
import { TEST_KEY, useCosmosServer } from "../support/cosmosServer";
import { seedEvent, v1Event } from "../support/ingest";
import { DEPLOYMENTS, scenarioEvents, writeExports } from "../support/invoiceScenario";
import { SNAPSHOT_FILES } from "../support/retailPrices";
import { freshStore } from "../support/store";

const cosmos = useCosmosServer();

describe("the chargeback CLI on CHARGEBACK_STORE=cosmos", () => {
  it("imports, ingests and reports the same totals as on SQLite, and re-ingesting adds nothing", async () => {
    const { dir, file: db } = freshStore();
    const write = (name: string, text: string) => (fs.writeFileSync(path.join(dir, name), text), path.join(dir, name));
    const deployments = write(
      "deployments.csv",
      "deployment,model,region,sku\n*,,eastus2,GlobalStandard\nchat,gpt-4o-2024-08-06,eastus2,DataZoneStandard\nptu,gpt-4o-2024-08-06,eastus2,ProvisionedManaged\n",
    );
    const ptu = write("ptu.csv", "deployment,units,price,per,validFrom,validTo\nptu,10,1,hour,2026-10-01,2026-11-01\n");
    const org = write("org.csv", "appId,costCenter,businessUnit,validFrom,validTo\napp-1,CC-1,Retail,2026-01-01,\napp-3,CC-3,Ops,2026-11-01,\n");
    const lines = [
      ...Array.from({ length: 300 }, (_, i) =>
        v1Event({
          requestId: `r${i}`,
          deployment: "chat",
          time: `2026-11-${String(1 + (i % 28)).padStart(2, "0")}T${String(i % 24).padStart(2, "0")}:00:00Z`,
          modelTimeMs: 100 + i,
        }),
      ),
      ...Array.from({ length: 50 }, (_, i) =>
        v1Event({ requestId: `m${i}`, appId: "app-3", deployment: "", model: "gpt-4o-mini-2024-07-18", cachedTokens: 500 }),
      ),
      // Provisioned: October's reservation is shared by the apps that used it in each hour (hourly rollups).
      ...Array.from({ length: 30 }, (_, i) =>
        v1Event({ requestId: `p${i}`, appId: i % 2 ? "app-1" : "app-3", deployment: "ptu", time: `2026-10-${10 + (i % 5)}T0${i % 3}:00:00Z` }),
      ),
      seedEvent({ appid: "app-2" }),
      "not json",
    ];
    const events = write("events.ndjson", `${lines.join("\n")}\n`);
    const env = {
      CHARGEBACK_STORE: "cosmos",
      CHARGEBACK_COSMOS_ENDPOINT: cosmos.endpoint(),
      CHARGEBACK_COSMOS_DATABASE: "cli-e2e",
      CHARGEBACK_COSMOS_KEY: TEST_KEY,
    };
    const onCosmos = async (args: string[]) => {
      const result = await runCli(args, { env });
      expect(result.stderr).toBe("");
      return json<unknown>(result);
    };
    const onSqlite = async (args: string[]) => json<unknown>(await runCli(args, { db }));

    for (const run of [onSqlite, onCosmos]) {
      expect(await run(["prices", "import", ...SNAPSHOT_FILES])).toMatchObject({ items: 4285, added: 4285 });
      expect(await run(["deployments", "import", deployments])).toEqual({ added: 3, changed: 0, unchanged: 0 });
      expect(await run(["org", "import", org])).toEqual({ added: 2, changed: 0, unchanged: 0 });
      expect(await run(["reservations", "import", ptu])).toEqual({ added: 1, changed: 0, unchanged: 0 });
      expect(await run(["ingest", events])).toEqual({ accepted: 381, duplicates: 0, quarantined: 1, unpriced: 0, notBilled: 0, usageUnknown: 0, warnings: 0 });
      expect(await run(["ingest", events])).toEqual({ accepted: 0, duplicates: 382, quarantined: 0, unpriced: 0, notBilled: 0, usageUnknown: 0, warnings: 0 });
    }
    for (const [month, by] of ["2026-10", "2026-11"].flatMap((m) => ["business-unit", "app", "model", "cost-center"].map((b) => [m, b] as const))) {
      const args = ["report", "--month", month, "--by", by];
      const fromCosmos = await onCosmos(args);
      expect(fromCosmos).toEqual(await onSqlite(args));
      // 31 days × 24 h × 10 PTU × $1, shared by the two apps' tokens in the hours they used it.
      if (month === "2026-10" && by === "app")
        expect(fromCosmos).toMatchObject({ total: "7440.00", rows: [{ key: "app-1", cost: "3720.00" }], unmapped: { cost: "3720.00" } });
      if (month === "2026-11" && by === "business-unit")
        expect(fromCosmos).toMatchObject({
          total: "1.16",
          rows: [
            { key: "Retail", cost: "1.15", requests: 300 },
            { key: "Ops", cost: "0.01", requests: 50, cachedTokens: 25_000 },
          ],
        });
    }
    const missing = await runCli(["report", "--month", "2026-11"], { env: { ...env, CHARGEBACK_COSMOS_DATABASE: "nope" } });
    expect(missing).toMatchObject({
      status: 1,
      stdout: "",
      stderr: `chargeback: no Cosmos database nope at ${cosmos.endpoint()}: import or ingest something first, or check CHARGEBACK_COSMOS_DATABASE\n`,
    });
    const quarantined = await onCosmos(["quarantine", "list", "--format", "json"]);
    expect(quarantined).toMatchObject([{ reason: "not valid JSON", source: `${events}:382` }]);
  }, 300_000); // some thirty CLI processes, each starting TypeScript

  it("imports the invoice and reconciles it the same as on SQLite, and importing it again changes nothing", async () => {
    const { dir, file: db } = freshStore();
    const deployments = path.join(dir, "deployments.csv");
    const events = path.join(dir, "events.ndjson");
    fs.writeFileSync(deployments, DEPLOYMENTS);
    fs.writeFileSync(events, `${scenarioEvents().join("\n")}\n`);
    const { focus, classic } = writeExports(dir);
    const env = {
      CHARGEBACK_STORE: "cosmos",
      CHARGEBACK_COSMOS_ENDPOINT: cosmos.endpoint(),
      CHARGEBACK_COSMOS_DATABASE: "cli-invoice",
      CHARGEBACK_COSMOS_KEY: TEST_KEY,
    };
    const onCosmos = async (args: string[]) => json<unknown>(await runCli(args, { env }));
    const onSqlite = async (args: string[]) => json<unknown>(await runCli(args, { db }));
    for (const run of [onSqlite, onCosmos]) {
      await run(["prices", "import", ...SNAPSHOT_FILES]);
      await run(["deployments", "import", deployments]);
      await run(["ingest", events]);
      expect(await run(["invoice", "import", focus, classic])).toMatchObject([
        { counted: 11, lines: 10, alreadyImported: false },
        { counted: 2, lines: 2, alreadyImported: false },
      ]);
    }
    const reconciled = await onCosmos(["reconcile", "--month", "2026-11"]);
    expect(reconciled).toEqual(await onSqlite(["reconcile", "--month", "2026-11"]));
    expect(reconciled).toMatchObject({ total: { invoicedCost: "5.56", computedCost: "6.31", variance: "-0.75" } });
    expect(await onCosmos(["invoice", "import", focus])).toMatchObject([{ alreadyImported: true }]);
    expect(await onCosmos(["reconcile", "--month", "2026-11"])).toEqual(reconciled);
  });

  it("refuses a key for an endpoint off loopback before touching anything", async () => {
    const result = await runCli(["report", "--month", "2026-11"], {
      env: { CHARGEBACK_STORE: "cosmos", CHARGEBACK_COSMOS_ENDPOINT: "https://contoso.documents.azure.com:443/", CHARGEBACK_COSMOS_KEY: "abc" },
    });
    expect(result).toMatchObject({ status: 1, stdout: "" });
    expect(result.stderr).toMatch(
      /^chargeback: invalid configuration: CHARGEBACK_COSMOS_KEY: is accepted only for a test server on loopback, not for contoso\.documents\.azure\.com[^\n]*\n$/,
    );
  });
});
