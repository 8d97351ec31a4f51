import { describe, expect, it } from "vitest";
import { loadConfig as loadConfigFrom } from "../../../lib/config/schema";

const loadConfig = (vars: Record<string, string>) => loadConfigFrom(vars as NodeJS.ProcessEnv);

describe("the addresses of the services we call, in the config schema", () => {
  it("default to Azure's public endpoints when unset or empty", () => {
    const config = loadConfig({ CHARGEBACK_GRAPH_URL: "" });
    expect({
      prices: config.CHARGEBACK_RETAIL_PRICES_URL,
      graph: config.CHARGEBACK_GRAPH_URL,
      arm: config.CHARGEBACK_ARM_URL,
      logs: config.CHARGEBACK_LOGS_URL,
    }).toEqual({
      prices: "https://prices.azure.com",
      graph: "https://graph.microsoft.com/",
      arm: "https://management.azure.com",
      logs: "https://api.loganalytics.io",
    });
  });

  it("take a test server's address", () => {
    expect(loadConfig({ CHARGEBACK_RETAIL_PRICES_URL: "http://127.0.0.1:4567" }).CHARGEBACK_RETAIL_PRICES_URL).toBe("http://127.0.0.1:4567");
  });

  it("refuse a typo at start-up, naming the setting and an example", () => {
    expect(() => loadConfig({ CHARGEBACK_ARM_URL: "management.azure.com" })).toThrow(
      "invalid configuration: CHARGEBACK_ARM_URL: must be a URL, e.g. https://management.azure.com",
    );
  });
});
