import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH } from "../../../lib/events/jsonDepth";
import { parseEventLine } from "../../../lib/events/parseEventLine";
import { itemAt } from "../../../lib/core/arrays";
import { V1_SAMPLE } from "../../support/v1Sample";

const FIXTURES = path.resolve(__dirname, "..", "..", "fixtures", "apim-events");
const seedLines = fs.readFileSync(path.join(FIXTURES, "seed-policy-sample.ndjson"), "utf8").trim().split("\n");
const aiHubRecord = JSON.parse(fs.readFileSync(path.join(FIXTURES, "ai-hub-gateway-usage-record.json"), "utf8"));

const v1 = V1_SAMPLE;

function reasonOf(line: string): string {
  const parsed = parseEventLine(line);
  if (parsed.ok) throw new Error(`expected ${line} to be rejected`);
  return parsed.reason;
}

describe("the seed policy's shape", () => {
  it("reads culture-formatted UTC times, string numbers and the operation", () => {
    const parsed = parseEventLine(itemAt(seedLines, 1));
    expect(parsed).toEqual({
      ok: true,
      event: expect.objectContaining({
        shape: "seed-policy",
        requestId: null,
        time: Date.UTC(2026, 10, 21, 11, 4, 51),
        appId: "9a7e55d2-1c3b-4f0e-8e6a-5d2b7c1e0f42",
        deployment: "",
        model: "gpt-4o-2024-08-06",
        operation: "chat.completion",
        promptTokens: 1893,
        cachedTokens: 0,
        completionTokens: 412,
        totalTokens: 2305,
        modelTimeMs: 1311,
      }),
    });
  });

  it("reads an embeddings event (object list, no completion tokens)", () => {
    const parsed = parseEventLine(itemAt(seedLines, 2));
    expect(parsed.ok && parsed.event).toMatchObject({ operation: "list", promptTokens: 812, completionTokens: 0, totalTokens: 812 });
  });

  it("takes `object` as the operation when the policy logged it under that name", () => {
    const line = JSON.stringify({ ...JSON.parse(itemAt(seedLines, 1)), operation: undefined, object: "chat.completion" });
    const parsed = parseEventLine(line);
    expect(parsed.ok && parsed.event.operation).toBe("chat.completion");
  });

  it("reads 12 PM as noon and 12 AM as midnight", () => {
    const at = (t: string) => {
      const parsed = parseEventLine(JSON.stringify({ ...JSON.parse(itemAt(seedLines, 0)), "event-time": t }));
      return parsed.ok ? new Date(parsed.event.time).toISOString() : parsed.reason;
    };
    expect(at("1/1/2026 12:00:00 PM")).toBe("2026-01-01T12:00:00.000Z");
    expect(at("1/1/2026 12:30:00 AM")).toBe("2026-01-01T00:30:00.000Z");
    expect(at("12/31/2025 11:59:59 PM")).toBe("2025-12-31T23:59:59.000Z");
  });
});

describe("the AI Hub Gateway shape", () => {
  it("maps id (the request identity), responseTokens, deploymentName, routeLocation and productName", () => {
    const parsed = parseEventLine(JSON.stringify(aiHubRecord));
    expect(parsed).toEqual({
      ok: true,
      event: expect.objectContaining({
        shape: "ai-hub-gateway",
        requestId: "chatcmpl-9TVtj333ld9WDBiRh9qvLE9ZpA",
        time: Date.UTC(2024, 4, 24, 14, 45, 56),
        appId: "11115293-844b-456f-8dbc-0c2d78e3e307",
        deployment: "chat",
        model: "gpt-35-turbo",
        operation: "chat.completion",
        region: "eastus2",
        promptTokens: 15000,
        completionTokens: 5000,
        totalTokens: 20000,
        subscriptionId: "master",
        product: "AI-Retail",
      }),
    });
  });
});

describe("the chargeback/v1 shape", () => {
  it("keeps the request id, cached and reasoning tokens and the streaming flag", () => {
    const parsed = parseEventLine(JSON.stringify({ ...v1, reasoningTokens: 200 }));
    const { schema: _schema, ...fields } = v1;
    expect(parsed.ok && parsed.event).toEqual({
      ...fields,
      shape: "chargeback/v1",
      time: Date.UTC(2026, 10, 21, 11, 4, 51, 123),
      reasoningTokens: 200,
    } as unknown);
  });

  it("keeps what is billed apart: cache writes, audio and image tokens, the service tier", () => {
    const billed = { cacheWriteTokens: 300, audioInputTokens: 200, audioCachedTokens: 24, audioOutputTokens: 12, imageInputTokens: 100, imageCachedTokens: 0 };
    const parsed = parseEventLine(JSON.stringify({ ...v1, ...billed, serviceTier: "priority" }));
    // Details of 0 are left out, as on an event that reported none: old events keep their meaning.
    const { imageCachedTokens: _none, ...kept } = billed;
    expect(parsed.ok && parsed.event).toMatchObject({ ...kept, serviceTier: "priority", promptTokens: 1893, cachedTokens: 1024 });
    expect(parsed.ok && "imageCachedTokens" in parsed.event).toBe(false);
    expect(parseEventLine(JSON.stringify({ ...v1, serviceTier: "default" }))).toMatchObject({ ok: true, event: { serviceTier: "standard" } });
    const plain = parseEventLine(JSON.stringify(v1));
    expect(plain.ok && Object.keys(plain.event)).not.toContain("serviceTier");
  });

  it("reads ISO times with an offset as UTC, and zone-less ISO times as UTC", () => {
    const at = (time: string) => {
      const parsed = parseEventLine(JSON.stringify({ ...v1, time }));
      return parsed.ok ? new Date(parsed.event.time).toISOString() : parsed.reason;
    };
    expect(at("2026-11-21T12:04:51+01:00")).toBe("2026-11-21T11:04:51.000Z");
    expect(at("2026-11-21T11:04:51")).toBe("2026-11-21T11:04:51.000Z");
  });
});

describe("quarantine reasons", () => {
  it.each([
    ["not JSON", "{not json", "not valid JSON"],
    ["not an object", "[1,2]", "not a JSON object"],
    ["an unknown shape", '{"hello":"world"}', "unrecognised event shape"],
    ["no app id (seed)", JSON.stringify({ ...JSON.parse(itemAt(seedLines, 1)), appid: undefined }), "seed-policy: appid is missing"],
    ["an empty app id (v1)", JSON.stringify({ ...v1, appId: " " }), "chargeback/v1: appId is empty"],
    ["no time (v1)", JSON.stringify({ ...v1, time: undefined }), "chargeback/v1: time is missing"],
    ["an impossible date", JSON.stringify({ ...JSON.parse(itemAt(seedLines, 1)), "event-time": "2/30/2026 1:00:00 PM" }), "event-time is not a valid time"],
    ["a negative token count", JSON.stringify({ ...v1, promptTokens: -5 }), "promptTokens is negative (-5)"],
    ["a negative string count", JSON.stringify({ ...JSON.parse(itemAt(seedLines, 1)), prompt_tokens: "-3" }), "prompt_tokens is negative (-3)"],
    ["a fractional token count", JSON.stringify({ ...v1, completionTokens: 1.5 }), "completionTokens is not a whole number (1.5)"],
    ["a non-numeric count", JSON.stringify({ ...JSON.parse(itemAt(seedLines, 1)), prompt_tokens: "12abc" }), 'prompt_tokens is not a number ("12abc")'],
    ["inconsistent totals", JSON.stringify({ ...v1, totalTokens: 9999 }), "total tokens (9999) differ from prompt (1893) + completion (412)"],
    ["more cached than prompt tokens", JSON.stringify({ ...v1, cachedTokens: 5000 }), "cached tokens (5000) exceed prompt tokens (1893)"],
    ["more reasoning than completion tokens", JSON.stringify({ ...v1, reasoningTokens: 413 }), "reasoning tokens (413) exceed completion tokens (412)"],
    ["neither model nor deployment", JSON.stringify({ ...v1, model: "", deployment: "" }), "names neither a model nor a deployment"],
    ["a negative detail count", JSON.stringify({ ...v1, audioInputTokens: -1 }), "chargeback/v1: audioInputTokens is negative (-1)"],
    ["an implausible detail count", JSON.stringify({ ...v1, cacheWriteTokens: 2e9 }), "chargeback/v1: cacheWriteTokens is implausibly large (2000000000)"],
    [
      "details larger than the prompt",
      JSON.stringify({ ...v1, cacheWriteTokens: 900 }),
      "chargeback/v1: cached, cache-write, audio and image input tokens (1924) exceed prompt tokens (1893)",
    ],
    [
      "more audio output than completion tokens",
      JSON.stringify({ ...v1, audioOutputTokens: 500 }),
      "chargeback/v1: audio and image output tokens (500) exceed completion tokens (412)",
    ],
    [
      "more cached audio than audio input",
      JSON.stringify({ ...v1, audioInputTokens: 10, audioCachedTokens: 11 }),
      "chargeback/v1: cached audio tokens (11) exceed audio input tokens (10)",
    ],
    ["an unknown service tier", JSON.stringify({ ...v1, serviceTier: "scale" }), 'chargeback/v1: serviceTier is not a service tier we know ("scale"'],
  ])("rejects %s", (_what, line, reason) => {
    expect(reasonOf(line)).toContain(reason);
  });

  it("rejects an event over 200 KB before parsing it", () => {
    const big = JSON.stringify({ ...v1, padding: "x".repeat(200 * 1024) });
    expect(reasonOf(big)).toBe("event exceeds 200 KB");
  });

  it("rejects an event nested deeper than the limit before parsing it, however little text it takes", () => {
    const deep = `${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}`;
    expect(reasonOf(JSON.stringify({ ...v1 }).replace(/}$/, `,"tags":${deep}}`))).toBe(`nested deeper than ${MAX_JSON_DEPTH} levels`);
    expect(reasonOf("[".repeat(5_000))).toBe(`nested deeper than ${MAX_JSON_DEPTH} levels`);
    expect(parseEventLine(JSON.stringify({ ...v1, tags: { note: "{".repeat(100) } })).ok).toBe(true);
  });

  it("accepts an event just under 200 KB", () => {
    const line = JSON.stringify({ ...v1, padding: "" });
    const padded = JSON.stringify({ ...v1, padding: "x".repeat(200 * 1024 - line.length) });
    expect(Buffer.byteLength(padded)).toBe(200 * 1024);
    expect(parseEventLine(padded).ok).toBe(true);
  });
});
