import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadEventHubsConfig } from "../../lib/config/eventHubsConfig";
import { loadConfig } from "../../lib/config/schema";
import { loadTelemetryConfig } from "../../lib/config/telemetryConfig";
import { runCli } from "../support/cli";

type Env = { name: string; value?: string; secretRef?: string };
type Probe = { type: string; httpGet: { path: string; port: number } };
type App = { type: string; name: string; properties: { template: { containers: { command: string[]; args?: string[]; env: Env[]; probes?: Probe[] }[] } } };
const template = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "deploy", "azure", "chargeback.json"), "utf8")) as { resources: App[] };
const app = (role: string) => {
  const [container] = template.resources.find((r) => r.type === "Microsoft.App/containerApps" && r.name.includes(role))!.properties.template.containers;
  if (!container) throw new Error(`the template's ${role} app has no container`);
  return container;
};
const worker = app("worker");
const web = app("web");

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
  APPLICATIONINSIGHTS_CONNECTION_STRING:
    "InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/",
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
    expect(loadTelemetryConfig(env).APPLICATIONINSIGHTS_CONNECTION_STRING).toBe(DEPLOYED.APPLICATIONINSIGHTS_CONNECTION_STRING);
    expect(loadTelemetryConfig({ ...env, APPLICATIONINSIGHTS_CONNECTION_STRING: "" }).APPLICATIONINSIGHTS_CONNECTION_STRING).toBeUndefined(); // the default
  });
});

describe("the template's probes", () => {
  const byType = (probes: Probe[] = []) => Object.fromEntries(probes.map((p) => [p.type, p.httpGet]));

  it("point the web app's startup, liveness and readiness at its health routes", () => {
    expect(byType(web.probes)).toEqual({
      Startup: { path: "/api/health/live", port: 3000 },
      Liveness: { path: "/api/health/live", port: 3000 },
      Readiness: { path: "/api/health/ready", port: 3000 },
    });
    for (const route of ["live", "ready"]) expect(fs.existsSync(path.resolve(__dirname, "..", "..", "app", "api", "health", route, "route.ts"))).toBe(true);
  });

  it("point the worker's at the health port its command opens", () => {
    const port = Number(worker.args![worker.args!.indexOf("--health-port") + 1]);
    expect(port).toBe(8080);
    expect(byType(worker.probes)).toEqual({ Startup: { path: "/live", port }, Liveness: { path: "/live", port }, Readiness: { path: "/ready", port } });
  });
});
