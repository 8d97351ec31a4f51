import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AiHubGatewayEvent, readAiHubGateway } from "../../../lib/events/shapes/aiHubGateway";
import { ChargebackV1Event, readChargebackV1 } from "../../../lib/events/shapes/chargebackV1";
import { readSeedPolicy, SeedPolicyEvent } from "../../../lib/events/shapes/seedPolicy";
import type { UsageEvent } from "../../../lib/events/usageEvent";
import { V1_SAMPLE } from "../../support/v1Sample";

// Each shape is read without zod when it surely passes: that read must give exactly what the
// schema gives (same fields, same order, -0 not 0), and must never accept what the schema refuses.
// Every field of every sample is set, one to three at a time, to values at and past each limit.

const FIXTURES = path.resolve(__dirname, "..", "..", "fixtures", "apim-events");
const seedSamples = fs
  .readFileSync(path.join(FIXTURES, "seed-policy-sample.ndjson"), "utf8")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line));
const hubSample = JSON.parse(fs.readFileSync(path.join(FIXTURES, "ai-hub-gateway-usage-record.json"), "utf8"));
const v1Sample = { ...V1_SAMPLE, tags: { project: "hermes", environment: "prod" }, endUser: "user107@contoso.example" };
const v1Samples = [
  v1Sample,
  { ...v1Sample, serviceTier: "priority", errorCode: "Content_Filter", audioInputTokens: 10, cacheWriteTokens: 5, tags: { "Bad Key": "x", ok: " " } },
  { schema: "chargeback/v1", requestId: " r ", time: "1/1/2026 12:00:53 AM", appId: " a " },
];

const ODD: unknown[] = [
  undefined,
  null,
  "",
  "  ",
  "NA",
  " x ",
  "é日本",
  0,
  -0,
  -1,
  1.5,
  7,
  1e9,
  1e9 + 1,
  2 ** 53,
  Number.POSITIVE_INFINITY,
  Number.NaN,
  "12",
  " 12 ",
  "1.0",
  "1.5",
  "-3",
  "1e3",
  "abc",
  true,
  false,
  [],
  ["x"],
  {},
  { a: "b" },
  "2026-01-01T00:00:06.046Z",
  "2026-02-30T00:00:00.000Z",
  "0099-06-01T00:00:00.000Z",
  "1/1/2026 12:00:53 AM",
  "2026-01-01 00:00:06+02:00",
  "priority",
  " Default ",
  "bogus",
  "chargeback/v1",
];

// A fixed sequence (mulberry32), so a failure names the same case on every run.
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Read = (o: Record<string, unknown>) => UsageEvent | undefined;
type Schema = { safeParse: (o: unknown) => { success: boolean; data?: UsageEvent } };

function compare(read: Read, schema: Schema, o: Record<string, unknown>): "fast" | "schema" {
  const fast = read(o);
  if (fast === undefined) return "schema";
  const parsed = schema.safeParse(o);
  expect(parsed.success, JSON.stringify(o)).toBe(true);
  expect(fast, JSON.stringify(o)).toStrictEqual(parsed.data);
  expect(Object.keys(fast)).toEqual(Object.keys(parsed.data as UsageEvent));
  return "fast";
}

function mutations(sample: Record<string, unknown>, keys: string[], cases: number, seed: number): Record<string, unknown>[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
  const out: Record<string, unknown>[] = [];
  for (const key of keys)
    for (const value of ODD) {
      const o = { ...sample, [key]: value };
      if (value === undefined) delete o[key];
      out.push(o);
    }
  for (let i = 0; i < cases; i++) {
    const o: Record<string, unknown> = { ...sample };
    for (let n = 1 + Math.floor(next() * 3); n > 0; n--) o[pick(keys)] = pick(ODD);
    out.push(o);
  }
  return out;
}

describe.each([
  { name: "chargeback/v1", samples: v1Samples, read: readChargebackV1, schema: ChargebackV1Event },
  { name: "seed-policy", samples: seedSamples, read: readSeedPolicy, schema: SeedPolicyEvent },
  { name: "ai-hub-gateway", samples: [hubSample], read: readAiHubGateway, schema: AiHubGatewayEvent },
])("$name read without zod", ({ samples, read, schema }) => {
  const keysOf = (sample: Record<string, unknown>) => [...new Set([...Object.keys(schema.in.shape), ...Object.keys(sample), "extra"])];

  it("reads every sample as the schema does", () => {
    for (const sample of samples) expect(compare(read, schema as Schema, sample)).toBe("fast");
  });

  it("gives the schema's event for every mutation it accepts, and leaves every other to the schema", () => {
    let fast = 0;
    let accepted = 0;
    samples.forEach((sample, i) => {
      for (const o of mutations(sample, keysOf(sample), 3000, i + 1)) {
        if (compare(read, schema as Schema, o) === "fast") fast++;
        if (schema.safeParse(o).success) accepted++;
      }
    });
    // Not vacuous: the fast path takes most of what the schema accepts.
    expect(fast).toBeGreaterThan(accepted / 2);
  });
});
