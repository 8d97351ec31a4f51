import { describe, expect, it } from "vitest";
import { DiagnosticJoin } from "../../../../lib/events/azureMonitor/diagnosticJoin";
import type { GatewayHalf, LlmHalf } from "../../../../lib/events/azureMonitor/diagnosticRecord";

const T = Date.UTC(2026, 10, 10, 10);
const llm = (id: string, at: number, prompt: number): LlmHalf => ({
  kind: "llm",
  correlationId: id,
  time: T + at,
  deployment: "gpt-4o",
  model: "gpt-4o-2024-08-06",
  operation: "",
  promptTokens: prompt,
  completionTokens: prompt === 0 ? 0 : 10,
  totalTokens: prompt === 0 ? 0 : prompt + 10,
  streamed: null,
});
const gateway = (id: string, at: number, subscription: string | null = "sub-a"): GatewayHalf => ({
  kind: "gateway",
  correlationId: id,
  time: T + at,
  subscriptionId: subscription,
  productId: null,
  responseCode: 200,
  appId: null,
});

/** Feeds halves in order; what comes out as each is added, and at the end. */
function run(halves: (LlmHalf | GatewayHalf)[], windowMs = 60_000) {
  const join = new DiagnosticJoin<number>(windowMs);
  const out: string[] = [];
  halves.forEach((h, i) => {
    join.add(h, "{}", `line ${i}`, i);
    for (const c of join.take()) out.push(`${c.event.requestId}:${c.event.appId}:${c.event.totalTokens}:${c.positions.join("+")}`);
  });
  const pending = join.pendingPositions();
  for (const c of join.take(true)) out.push(`end ${c.event.requestId}:${c.event.appId}:${c.event.totalTokens}`);
  return { out, pending };
}

describe("joining a call's diagnostic records", () => {
  it("gives one call as soon as its token record and its gateway record are both in, whichever came first", () => {
    expect(run([llm("a", 0, 100), gateway("a", 1)]).out).toEqual(["a:sub-a:110:0+1"]);
    expect(run([gateway("a", 0), llm("a", 1, 100)]).out).toEqual(["a:sub-a:110:0+1"]);
  });

  it("collapses the model log's records into one call: the chunks without tokens add nothing, the token record counts once", () => {
    const { out } = run([llm("a", 0, 0), llm("a", 0, 100), llm("a", 0, 100), gateway("a", 2)]);
    expect(out).toEqual(["a:sub-a:110:0+1+2+3"]);
  });

  it("holds records until their call is complete or the window has passed, then charges a caller-less call to the unknown caller", () => {
    const { out, pending } = run([llm("a", 0, 100), gateway("b", 30_000), llm("c", 59_000, 50), gateway("d", 61_000)]);
    // At 61 s the window of "a" (0 s) has passed; "b", "c" and "d" still wait (and hold their positions).
    expect(out).toEqual(["a:caller-unknown:azure-monitor:110:0", "end c:caller-unknown:azure-monitor:60"]);
    expect(pending).toEqual([1, 2, 3]);
  });

  it("lets an old record go when newer ones arrived before it: partitions are read out of time order", () => {
    // Another partition's gateway record of 3 minutes later arrives first; the token record of 0 s,
    // read after it, is already past its window, and so is its call: it is not held behind the newer one.
    const { out, pending } = run([gateway("late", 180_000), llm("a", 0, 100), llm("b", 150_000, 40), gateway("c", 170_000)]);
    expect(out).toEqual(["a:caller-unknown:azure-monitor:110:1", "end b:caller-unknown:azure-monitor:50"]);
    expect(pending).toEqual([0, 2, 3]);
  });

  it("lets a gateway record with no token record go once its window has passed", () => {
    expect(run([gateway("b", 0), llm("c", 61_000, 50)])).toEqual({ out: ["end c:caller-unknown:azure-monitor:60"], pending: [1] });
  });

  it("charges a call with no APIM subscription to the unknown caller too", () => {
    expect(run([llm("a", 0, 100), gateway("a", 1, null)]).out).toEqual(["a:caller-unknown:azure-monitor:110:0+1"]);
  });
});
