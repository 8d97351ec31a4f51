import { MAX_JSON_DEPTH, nestsDeeperThan } from "../events/jsonDepth";

/** Bodies the HTTP intake accepts: one JSON event, a JSON array of events, or NDJSON (one per line). */
export type IntakeFormat = "json" | "ndjson";

export const MAX_EVENTS_PER_REQUEST = 10_000;

export function intakeFormat(contentType: string | null): IntakeFormat | null {
  const type = (contentType ?? "").split(";", 1)[0]?.trim().toLowerCase();
  if (type === "application/json") return "json";
  if (type === "application/x-ndjson" || type === "application/ndjson" || type === "application/jsonl") return "ndjson";
  return null;
}

/**
 * The body's events as raw lines, each validated later on its own (a bad event is quarantined, not
 * the request). Only a body that cannot be split into events at all is refused.
 */
export function intakeLines(body: string, format: IntakeFormat): { lines: string[] } | { error: string } {
  let lines: string[];
  if (format === "ndjson") {
    lines = body
      .split("\n")
      .map((l) => l.replace(/\r$/, ""))
      .filter((l) => l.trim() !== "");
  } else {
    // One level more than an event may have: the array that holds the events.
    if (nestsDeeperThan(body, MAX_JSON_DEPTH + 1)) return { error: `the body is nested deeper than ${MAX_JSON_DEPTH} levels; events are flat objects` };
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (error) {
      return { error: `the body is not JSON: ${(error as Error).message}` };
    }
    if (Array.isArray(parsed)) lines = parsed.map((event) => JSON.stringify(event));
    else if (parsed !== null && typeof parsed === "object") lines = [body.trim()];
    else return { error: "the body must be an event object or an array of events" };
  }
  if (lines.length === 0) return { error: "the body holds no events" };
  if (lines.length > MAX_EVENTS_PER_REQUEST) return { error: `at most ${MAX_EVENTS_PER_REQUEST} events per request; this one has ${lines.length}` };
  return { lines };
}
