import { describe, expect, it } from "vitest";
import { loadTelemetryConfig } from "../../../lib/config/telemetryConfig";
import { createLog, errorField } from "../../../lib/telemetry/log";
import { prettyLine } from "../../../lib/telemetry/prettyLine";
import { itemAt } from "../../../lib/core/arrays";

function captured() {
  const lines: string[] = [];
  return { lines, log: createLog({ level: "debug", stream: { write: (line: string) => void lines.push(line) } }) };
}

describe("structured logs", () => {
  it("write one JSON object a line, with level, time, component and the correlation bound to the logger", () => {
    const { lines, log } = captured();
    log
      .child({ component: "eventhubs", partitionId: "3", batchId: "b-1" })
      .warn({ event: "batch.retry", attempt: 2, ...errorField(new Error("locked")) }, "not written");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(itemAt(lines, 0))).toMatchObject({
      level: "warn",
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      name: "chargeback",
      component: "eventhubs",
      partitionId: "3",
      batchId: "b-1",
      event: "batch.retry",
      attempt: 2,
      err: { type: "Error", message: "locked" },
      msg: "not written",
    });
    expect(lines[0]).not.toContain("stack");
  });

  it("drop end users, tags and secrets even when a caller passes them", () => {
    const { lines, log } = captured();
    log.info(
      { endUser: "alice@contoso.example", tags: { project: "Apollo" }, event: { user: "bob@contoso.example", appId: "app-1" }, authorization: "Bearer x" },
      "oops",
    );
    expect(lines[0]).not.toMatch(/alice|Apollo|bob|Bearer/);
    expect(JSON.parse(itemAt(lines, 0)).event).toEqual({ appId: "app-1" });
  });

  it("read as short lines in a terminal", () => {
    const line = JSON.stringify({
      level: "warn",
      time: "2026-11-15T12:00:01.000Z",
      component: "eventhubs",
      event: "batch.retry",
      msg: "not written",
      attempt: 2,
      pid: 1,
    });
    expect(prettyLine(line)).toBe("12:00:01 WARN eventhubs batch.retry not written attempt=2\n");
  });

  it("settings: a level and format from the list, an Application Insights connection string that looks like one", () => {
    expect(loadTelemetryConfig({})).toEqual({
      CHARGEBACK_LOG_LEVEL: "info",
      CHARGEBACK_LOG_FORMAT: "auto",
      CHARGEBACK_TELEMETRY_CONSOLE: false,
      CHARGEBACK_TELEMETRY_ENTRA: false,
    });
    expect(() => loadTelemetryConfig({ CHARGEBACK_LOG_LEVEL: "loud", APPLICATIONINSIGHTS_CONNECTION_STRING: "https://example" })).toThrow(
      /CHARGEBACK_LOG_LEVEL must be fatal[\s\S]*APPLICATIONINSIGHTS_CONNECTION_STRING must be an Application Insights connection string/,
    );
  });
});
