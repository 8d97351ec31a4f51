import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli";
import { freshStore } from "../support/store";

describe("the worker's log and telemetry settings", () => {
  it("are checked before it starts: each bad one is a line on stderr and the worker exits 1", async () => {
    const { file } = freshStore();
    const result = await runCli(["worker", "--source", "demo"], {
      db: file,
      env: { CHARGEBACK_LOG_LEVEL: "loud", APPLICATIONINSIGHTS_CONNECTION_STRING: "https://example.invalid" },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/CHARGEBACK_LOG_LEVEL must be fatal, error, warn, info, debug, trace or silent/);
    expect(result.stderr).toMatch(/APPLICATIONINSIGHTS_CONNECTION_STRING must be an Application Insights connection string/);
    expect(result.stderr).not.toContain("    at "); // no stack trace
  });
});
