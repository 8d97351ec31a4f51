import { describe, expect, it } from "vitest";
import { BILLED, outcomeOf, usageUnknown } from "../../../lib/events/callOutcome";
import { parseEventLine } from "../../../lib/events/parseEventLine";

describe("what each call outcome costs", () => {
  it.each([
    [{ status: 200 }, "ok", true],
    [{ status: 201 }, "ok", true],
    [{ status: null }, "ok", true], // older shapes log only calls that returned usage
    [{ status: 429 }, "throttled", false],
    [{ status: 400, errorCode: "content_filter" }, "filtered", true], // the prompt was evaluated
    [{ status: 400 }, "error", false],
    [{ status: 401 }, "error", false],
    [{ status: 500 }, "error", false],
    [{ status: 200, errorCode: "client_disconnect" }, "cutOff", true],
    [{ status: 499 }, "cutOff", true],
    [{ status: 504 }, "timeout", true],
    [{ status: 408 }, "timeout", true],
    [{ status: 500, errorCode: "timeout" }, "timeout", true],
  ] as const)("%j is %s (billed: %s)", (e, outcome, billed) => {
    expect(outcomeOf(e)).toBe(outcome);
    expect(BILLED[outcomeOf(e)]).toBe(billed);
  });

  it("calls a billed outcome without tokens usage unknown, never a throttled or failed one", () => {
    expect(usageUnknown({ status: 400, errorCode: "content_filter", totalTokens: 0 })).toBe(true);
    expect(usageUnknown({ status: 500, totalTokens: 0 })).toBe(false);
    expect(usageUnknown({ status: 200, errorCode: "client_disconnect", totalTokens: 0 })).toBe(true);
    expect(usageUnknown({ status: 504, totalTokens: 0 })).toBe(true);
    expect(usageUnknown({ status: 200, totalTokens: 0 })).toBe(true);
    expect(usageUnknown({ status: 200, errorCode: "client_disconnect", totalTokens: 40 })).toBe(false);
    expect(usageUnknown({ status: 429, totalTokens: 0 })).toBe(false);
  });

  it("accepts a chargeback/v1 event without token counts, and reads its error code in lower case", () => {
    const parsed = parseEventLine(
      JSON.stringify({
        schema: "chargeback/v1",
        requestId: "r",
        time: "2026-11-21T11:04:51Z",
        appId: "a",
        deployment: "chat",
        status: 400,
        errorCode: "Content_Filter",
      }),
    );
    expect(parsed.ok && parsed.event).toMatchObject({ promptTokens: 0, completionTokens: 0, totalTokens: 0, status: 400, errorCode: "content_filter" });
    expect(parsed.ok && outcomeOf(parsed.event)).toBe("filtered");
  });
});
