import { describe, expect, it } from "vitest";
import { DiagnosticLines } from "../../../../lib/events/azureMonitor/joinDiagnosticLines";
import { prepareUsageBatch } from "../../../../lib/events/processUsageBatch";
import { envelope, gatewayRecord, llmRecords } from "../../../support/diagnosticRecords";
import { leading } from "../../../support/arrays";

// A live source names every line by its place in the hub and has no other way to name one.
const live = () => {
  throw new Error("a live source's line without an identity");
};
const call = { correlationId: "7e1d9c2b-0000-4000-8000-000000000001", time: "2026-11-10T10:00:00Z" };

describe("diagnostic lines from a live source", () => {
  it("name every line they quarantine: each unreadable record of an envelope, and a call whose counts are refused", () => {
    const [tokens, chunk] = leading(llmRecords({ ...call, deployment: "gpt-4o", model: "gpt-4o-2024-08-06", prompt: 100, completion: 10 }), 2);
    const props = tokens.properties as Record<string, unknown>;
    const badTime = { ...chunk, time: "soon" };
    const badTotal = { ...tokens, properties: { ...props, TotalTokens: 999 } };
    const lines = new DiagnosticLines<number>().feed(
      [
        { text: envelope([badTime, { ...tokens, time: "later" }]), source: "hub/0#1", id: "hub/0:1" },
        { text: envelope([badTotal, gatewayRecord(call)]), source: "hub/1#7", id: "hub/1:7" },
      ],
      (_line, i) => i,
      true,
    ).lines;
    const { events, quarantined } = prepareUsageBatch(lines, live);
    expect(events).toEqual([]);
    expect(quarantined.map((q) => [q.id, q.reason])).toEqual([
      ["hub/0:1/1", 'azure-monitor GatewayLlmLogs: time is not a valid time ("soon")'],
      ["hub/0:1/2", 'azure-monitor GatewayLlmLogs: time is not a valid time ("later")'],
      [`apim:${call.correlationId}`, "azure-monitor: total tokens (999) differ from prompt (100) + completion (10)"],
    ]);
  });
});
