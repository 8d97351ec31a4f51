import { describe, expect, it } from "vitest";
import { isLocalConnectionString, loadEventHubsConfig, sharedKeyWarnings } from "../../../lib/config/eventHubsConfig";

const LOCAL = {
  CHARGEBACK_EVENTHUB_CONNECTION_STRING: "Endpoint=sb://127.0.0.1:5672;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true",
  CHARGEBACK_EVENTHUB_NAME: "usage",
  CHARGEBACK_CHECKPOINT_CONNECTION_STRING:
    "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;",
  CHARGEBACK_CHECKPOINT_CONTAINER: "checkpoints",
};
const AZURE = {
  CHARGEBACK_EVENTHUB_NAMESPACE: "contoso-usage.servicebus.windows.net",
  CHARGEBACK_EVENTHUB_NAME: "usage",
  CHARGEBACK_CHECKPOINT_BLOB_URL: "https://contosockpt.blob.core.windows.net/checkpoints",
};

describe("the Event Hubs worker's settings", () => {
  it("take the managed-identity form with production defaults", () => {
    expect(loadEventHubsConfig(AZURE)).toMatchObject({
      CHARGEBACK_EVENTHUB_CONSUMER_GROUP: "$Default",
      CHARGEBACK_EVENTHUB_LOAD_BALANCING: "balanced",
      CHARGEBACK_EVENTHUB_LOAD_BALANCING_INTERVAL_MS: 10_000,
      CHARGEBACK_EVENTHUB_OWNERSHIP_EXPIRY_MS: 60_000,
    });
    expect(sharedKeyWarnings(loadEventHubsConfig(AZURE))).toEqual([]);
  });

  it("name each missing or malformed setting on a line of its own", () => {
    expect(() => loadEventHubsConfig({})).toThrow(
      [
        "CHARGEBACK_EVENTHUB_NAME is missing: the event hub to read",
        "CHARGEBACK_EVENTHUB_NAMESPACE is missing: set it (or CHARGEBACK_EVENTHUB_CONNECTION_STRING) to reach Event Hubs",
        "CHARGEBACK_CHECKPOINT_BLOB_URL is missing: set it (or CHARGEBACK_CHECKPOINT_CONNECTION_STRING) to keep checkpoints",
      ].join("\n"),
    );
    const bad = {
      ...AZURE,
      CHARGEBACK_EVENTHUB_NAMESPACE: "https://contoso.servicebus.windows.net/",
      CHARGEBACK_EVENTHUB_LOAD_BALANCING: "eager",
      CHARGEBACK_EVENTHUB_LOAD_BALANCING_INTERVAL_MS: "soon",
    };
    const message = (() => {
      try {
        loadEventHubsConfig(bad);
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message?.split("\n")).toEqual([
      "CHARGEBACK_EVENTHUB_NAMESPACE must be the fully qualified namespace, e.g. myhub.servicebus.windows.net (no scheme, no path)",
      "CHARGEBACK_EVENTHUB_LOAD_BALANCING must be balanced or greedy",
      "CHARGEBACK_EVENTHUB_LOAD_BALANCING_INTERVAL_MS must be a whole number",
    ]);
    expect(() => loadEventHubsConfig({ ...LOCAL, CHARGEBACK_CHECKPOINT_CONTAINER: "" })).toThrow(/^CHARGEBACK_CHECKPOINT_CONTAINER is missing/);
    expect(() => loadEventHubsConfig({ ...LOCAL, ...AZURE })).toThrow(/CHARGEBACK_EVENTHUB_NAMESPACE and CHARGEBACK_EVENTHUB_CONNECTION_STRING are both set/);
  });

  it("accept shared keys quietly only for local test servers, and warn loudly otherwise", () => {
    expect(sharedKeyWarnings(loadEventHubsConfig(LOCAL))).toEqual([]);
    expect(isLocalConnectionString("UseDevelopmentStorage=true")).toBe(true);
    expect(isLocalConnectionString("Endpoint=sb://localhost:5672;SharedAccessKeyName=k;SharedAccessKey=v")).toBe(true);
    expect(isLocalConnectionString("Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=v")).toBe(false);
    expect(isLocalConnectionString("DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=a2V5;EndpointSuffix=core.windows.net")).toBe(false);
    const warnings = sharedKeyWarnings(
      loadEventHubsConfig({
        ...LOCAL,
        CHARGEBACK_EVENTHUB_CONNECTION_STRING: "Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=v",
      }),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^WARNING: CHARGEBACK_EVENTHUB_CONNECTION_STRING holds a shared access key for a non-local server.*CHARGEBACK_EVENTHUB_NAMESPACE/,
    );
  });
});
