import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli";
import { freshStore } from "../support/store";

const HUB = {
  CHARGEBACK_EVENTHUB_CONNECTION_STRING: "Endpoint=sb://127.0.0.1:1;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true",
  CHARGEBACK_EVENTHUB_NAME: "usage",
  CHARGEBACK_CHECKPOINT_CONNECTION_STRING:
    "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;",
  CHARGEBACK_CHECKPOINT_CONTAINER: "checkpoints",
};

describe("chargeback worker --source eventhubs with a bad configuration", () => {
  it.each([
    [
      "no settings at all",
      {},
      [
        "chargeback: CHARGEBACK_EVENTHUB_NAME is missing: the event hub to read",
        "chargeback: CHARGEBACK_EVENTHUB_NAMESPACE is missing: set it (or CHARGEBACK_EVENTHUB_CONNECTION_STRING) to reach Event Hubs",
        "chargeback: CHARGEBACK_CHECKPOINT_BLOB_URL is missing: set it (or CHARGEBACK_CHECKPOINT_CONNECTION_STRING) to keep checkpoints",
      ],
    ],
    [
      "a namespace given as a URL",
      { ...HUB, CHARGEBACK_EVENTHUB_CONNECTION_STRING: "", CHARGEBACK_EVENTHUB_NAMESPACE: "https://contoso.servicebus.windows.net/" },
      ["chargeback: CHARGEBACK_EVENTHUB_NAMESPACE must be the fully qualified namespace, e.g. myhub.servicebus.windows.net (no scheme, no path)"],
    ],
    [
      "a checkpoint connection string without its container",
      { ...HUB, CHARGEBACK_CHECKPOINT_CONTAINER: "" },
      ["chargeback: CHARGEBACK_CHECKPOINT_CONTAINER is missing: the blob container for checkpoints (with CHARGEBACK_CHECKPOINT_CONNECTION_STRING)"],
    ],
  ])("%s: one line per setting, exit 1, no stack trace, nothing opened", async (_, env, lines) => {
    const db = path.join(freshStore().dir, "never-created.db");
    const result = await runCli(["worker", "--source", "eventhubs", "--db", `file:${db}`], { env });
    expect(result.stderr).toBe(lines.map((l) => `${l}\n`).join(""));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(fs.existsSync(db)).toBe(false);
  });

  it("names a bad option as it is typed", async () => {
    const result = await runCli(["worker", "--source", "eventhubs", "--max-batch-size", "0"], { env: HUB });
    expect(result.stderr).toBe("chargeback: --max-batch-size: must be at least 1\n");
    expect(result.status).toBe(1);
  });

  it("worker lag checks the same settings", async () => {
    const result = await runCli(["worker", "lag"], { env: { ...HUB, CHARGEBACK_EVENTHUB_NAME: "" } });
    expect(result.stderr).toBe("chargeback: CHARGEBACK_EVENTHUB_NAME is missing: the event hub to read\n");
    expect(result.status).toBe(1);
  });
});
