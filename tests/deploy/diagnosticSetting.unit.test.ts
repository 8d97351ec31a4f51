import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readDiagnosticRecord } from "../../lib/events/azureMonitor/diagnosticRecord";
import { gatewayRecord, llmRecords } from "../support/diagnosticRecords";

type Resource = { type: string; properties: Record<string, unknown> & { logs?: { category: string; enabled: boolean }[] } };
const template = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "deploy", "apim", "diagnostic-setting.json"), "utf8")) as {
  resources: Resource[];
};
const resource = (type: string): Resource => {
  const found = template.resources.find((r) => r.type === type);
  if (!found) throw new Error(`no ${type} in the fragment`);
  return found;
};
const setting = resource("Microsoft.Insights/diagnosticSettings");

describe("the APIM diagnostic setting fragment", () => {
  it("streams to an event hub exactly the two categories the worker reads, and the worker reads a record of each", () => {
    expect(setting.properties.eventHubName).toBe("[parameters('eventHubName')]");
    const categories = (setting.properties.logs ?? []).filter((l) => l.enabled).map((l) => l.category);
    expect(categories.sort()).toEqual(["GatewayLlmLogs", "GatewayLogs"]);
    const call = { correlationId: "c-1", time: "2026-11-10T10:00:00Z" };
    const records = [gatewayRecord(call), ...llmRecords({ ...call, deployment: "d", model: "m", prompt: 1, completion: 1 }).slice(0, 1)];
    for (const category of categories) {
      const record = records.find((r) => r.category === category);
      expect(record && "half" in readDiagnosticRecord(record, null)).toBe(true);
    }
  });

  it("turns on the service's language-model logs and logs the app id header on the backend request when one is named", () => {
    const diagnostic = resource("Microsoft.ApiManagement/service/diagnostics");
    expect(diagnostic.properties.largeLanguageModel).toEqual({ logs: "enabled" });
    expect(JSON.stringify(diagnostic.properties.backend)).toContain("parameters('appIdHeader')");
  });
});
