import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH } from "../../../lib/events/jsonDepth";
import { intakeFormat, intakeLines, MAX_EVENTS_PER_REQUEST } from "../../../lib/intake/intakeBody";
import { newIngestKey, parseIngestToken, secretMatches } from "../../../lib/intake/ingestKey";

describe("ingest keys", () => {
  it("are shown once as cbk_<id>_<secret>; only a hash of the secret is kept, and it checks", () => {
    const { key, token } = newIngestKey("apim-westeurope", 1_000);
    const parsed = parseIngestToken(token)!;
    expect(parsed.id).toBe(key.id);
    expect(JSON.stringify(key)).not.toContain(parsed.secret);
    expect(secretMatches(key, parsed.secret)).toBe(true);
    expect(
      secretMatches(
        key,
        parsed.secret.replace(/.$/, (c) => (c === "A" ? "B" : "A")),
      ),
    ).toBe(false);
    expect(secretMatches({ ...key, revokedAt: 2_000 }, parsed.secret)).toBe(false);
  });

  it("refuse tokens of any other form, and sources that are not simple names", () => {
    expect(parseIngestToken("Bearer abc")).toBeNull();
    expect(parseIngestToken("cbk_123_short")).toBeNull();
    expect(() => newIngestKey("apim west europe")).toThrow(/letters, digits/);
  });
});

describe("intake bodies", () => {
  it("take one event, an array of events, or NDJSON, keeping each event's text for quarantine", () => {
    expect(intakeLines('{"a":1}', "json")).toEqual({ lines: ['{"a":1}'] });
    expect(intakeLines('[{"a":1},{"b":2}]', "json")).toEqual({ lines: ['{"a":1}', '{"b":2}'] });
    expect(intakeLines('{"a":1}\r\n\nnot json\n', "ndjson")).toEqual({ lines: ['{"a":1}', "not json"] });
  });

  it("refuse bodies that cannot be split into events, and too many events at once", () => {
    expect(intakeLines("{", "json")).toEqual({ error: expect.stringContaining("the body is not JSON") });
    expect(intakeLines("[]", "json")).toEqual({ error: "the body holds no events" });
    expect(intakeLines("null", "json")).toEqual({ error: "the body must be an event object or an array of events" });
    expect(intakeLines(JSON.stringify(new Array(MAX_EVENTS_PER_REQUEST + 1).fill({})), "json")).toEqual({
      error: expect.stringContaining("at most 10000 events"),
    });
  });

  it("refuse JSON nested deeper than the stated limit with a clear error, not a stack overflow", () => {
    const deep = `${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}`;
    expect(intakeLines(`[${deep}]`, "json")).toEqual({ error: `the body is nested deeper than ${MAX_JSON_DEPTH} levels; events are flat objects` });
    expect(intakeLines("[".repeat(5_000) + "]".repeat(5_000), "json")).toEqual({ error: expect.stringContaining("nested deeper than") });
    // Depth is counted in the JSON structure, not in brackets inside strings.
    expect(intakeLines(JSON.stringify([{ note: "[".repeat(100) }]), "json")).toEqual({ lines: [JSON.stringify({ note: "[".repeat(100) })] });
  });

  it("know their content types", () => {
    expect(["application/json; charset=utf-8", "application/x-ndjson", "text/plain", null].map(intakeFormat)).toEqual(["json", "ndjson", null, null]);
  });
});
