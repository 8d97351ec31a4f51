import type { z } from "zod";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./jsonDepth";
import { AiHubGatewayEvent, isAiHubGatewayEvent, readAiHubGateway } from "./shapes/aiHubGateway";
import { ChargebackV1Event, isChargebackV1Event, readChargebackV1 } from "./shapes/chargebackV1";
import { isSeedPolicyEvent, readSeedPolicy, SeedPolicyEvent } from "./shapes/seedPolicy";
import { MAX_EVENT_BYTES, type UsageEvent } from "./usageEvent";
import { billedKindsOf, billedTokens } from "../pricing/billedTokens";
import { firstIssue } from "../core/errors";

export type ParsedLine = { ok: true; event: UsageEvent } | { ok: false; reason: string };

type Shape = {
  name: string;
  test: (o: Record<string, unknown>) => boolean;
  /** The schema's event without zod, for what it surely accepts; else the schema reads it. */
  read: (o: Record<string, unknown>) => UsageEvent | undefined;
  schema: z.ZodType<UsageEvent, unknown>;
};
const SHAPES: Shape[] = [
  { name: "chargeback/v1", test: isChargebackV1Event, read: readChargebackV1, schema: ChargebackV1Event },
  { name: "seed-policy", test: isSeedPolicyEvent, read: readSeedPolicy, schema: SeedPolicyEvent },
  { name: "ai-hub-gateway", test: isAiHubGatewayEvent, read: readAiHubGateway, schema: AiHubGatewayEvent },
];

/** Turns one raw line into a usage fact, or says in one sentence why it cannot be one. */
export function parseEventLine(raw: string): ParsedLine {
  // A byte-order mark is never part of an event: it starts a file, or a file concatenated to another.
  const line = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (line.length > MAX_EVENT_BYTES / 4 && Buffer.byteLength(line, "utf8") > MAX_EVENT_BYTES) {
    return { ok: false, reason: `event exceeds ${MAX_EVENT_BYTES / 1024} KB` };
  }
  if (nestsDeeperThan(line)) return { ok: false, reason: `nested deeper than ${MAX_JSON_DEPTH} levels` };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, reason: "not valid JSON" };
  }
  return parseEventObject(value);
}

export function parseEventObject(value: unknown): ParsedLine {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, reason: "not a JSON object" };
  }
  const record = value as Record<string, unknown>;
  const shape = shapeOf(record);
  if (!shape) return { ok: false, reason: "unrecognised event shape (no chargeback/v1, seed-policy or AI Hub Gateway fields)" };
  const read = shape.read(record);
  if (read !== undefined) return checkedEvent(shape.name, read);
  const result = shape.schema.safeParse(record);
  if (!result.success) {
    const issue = firstIssue(result.error);
    const field = issue.path.length > 0 ? issue.path.join(".") : "event";
    return { ok: false, reason: `${shape.name}: ${field} ${issue.message}` };
  }
  return checkedEvent(shape.name, result.data);
}

// A loop, not SHAPES.find: that made a closure for every event.
function shapeOf(record: Record<string, unknown>): Shape | undefined {
  for (const shape of SHAPES) if (shape.test(record)) return shape;
  return undefined;
}

/** An event of any shape once its fields are read: accepted, or refused for inconsistent counts. */
export function checkedEvent(shape: string, event: UsageEvent): ParsedLine {
  const inconsistency = checkTokenTotals(event);
  return inconsistency ? { ok: false, reason: `${shape}: ${inconsistency}` } : { ok: true, event };
}

/** Cached tokens (and cache writes, audio and image tokens) are part of the prompt, reasoning (and audio and image output) part of the completion, never on top. */
function checkTokenTotals(e: UsageEvent): string | null {
  if (e.cachedTokens > e.promptTokens) return `cached tokens (${e.cachedTokens}) exceed prompt tokens (${e.promptTokens})`;
  if (e.reasoningTokens > e.completionTokens) return `reasoning tokens (${e.reasoningTokens}) exceed completion tokens (${e.completionTokens})`;
  if (e.totalTokens !== e.promptTokens + e.completionTokens)
    return `total tokens (${e.totalTokens}) differ from prompt (${e.promptTokens}) + completion (${e.completionTokens})`;
  // billedKindsOf makes billedTokens' checks without its BigInts (garbage for every event the
  // reading thread validates); billedTokens only says what contradicts, or checks counts too large.
  const kinds = billedKindsOf(e);
  if (kinds === null || kinds < 0) {
    const billed = billedTokens(e);
    if (typeof billed === "string") return billed;
  }
  if (e.model === "" && e.deployment === "") return "names neither a model nor a deployment";
  return null;
}
