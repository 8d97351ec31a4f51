import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadEventHubsConfig } from "../../lib/config/eventHubsConfig";
import { loadConfig } from "../../lib/config/schema";
import { runCli } from "../support/cli";

type Env = { name: string; value?: string; secretRef?: string };
type App = { type: string; name: string; properties: { template: { containers: { command: string[]; args?: string[]; env: Env[] }[] } } };
const template = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "deploy", "azure", "chargeback.json"), "utf8")) as { resources: App[] };
const worker = template.resources.find((r) => r.type === "Microsoft.App/containerApps" && r.name.includes("worker"))!.properties.template.containers[0];

// What each setting the template gives the worker looks like once deployed.
const DEPLOYED: Record<string, string> = {
  AZURE_CLIENT_ID: "8f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
  CHARGEBACK_STORE: "cosmos",
  CHARGEBACK_COSMOS_ENDPOINT: "https://chargeback-db-abc.documents.azure.com:443/",
  CHARGEBACK_COSMOS_DATABASE: "chargeback",
  CHARGEBACK_CURRENCY: "USD",
  CHARGEBACK_EVENTHUB_NAMESPACE: "chargeback-eh-abc.servicebus.windows.net",
  CHARGEBACK_EVENTHUB_NAME: "usage",
  CHARGEBACK_EVENTHUB_CONSUMER_GROUP: "chargeback",
  CHARGEBACK_CHECKPOINT_BLOB_URL: "https://chargebackckabc.blob.core.windows.net/checkpoints",
};

describe("the template's worker container", () => {
  it("runs a worker command the CLI accepts: without the hub settings it names each one, not a usage error", async () => {
    expect(worker.command).toEqual(["node", "bin/chargeback.js"]);
    const result = await runCli([...(worker.args ?? []), "--max-wait-seconds", "1"], {
      env: { CHARGEBACK_EVENTHUB_NAMESPACE: "", CHARGEBACK_EVENTHUB_NAME: "" },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("CHARGEBACK_EVENTHUB_NAME");
    expect(result.stderr).not.toContain("error: option");
  });

  it("gets every setting the worker reads, and only settings it knows, as deployed", () => {
    const env = Object.fromEntries(worker.env.map((e) => [e.name, DEPLOYED[e.name]])) as NodeJS.ProcessEnv;
    expect(Object.keys(env).filter((name) => DEPLOYED[name] === undefined)).toEqual([]);
    expect(loadEventHubsConfig(env)).toMatchObject({
      CHARGEBACK_EVENTHUB_NAMESPACE: DEPLOYED.CHARGEBACK_EVENTHUB_NAMESPACE,
      CHARGEBACK_CHECKPOINT_BLOB_URL: DEPLOYED.CHARGEBACK_CHECKPOINT_BLOB_URL,
    });
    expect(loadConfig(env)).toMatchObject({ CHARGEBACK_STORE: "cosmos", CHARGEBACK_COSMOS_ENDPOINT: DEPLOYED.CHARGEBACK_COSMOS_ENDPOINT });
  });
});
