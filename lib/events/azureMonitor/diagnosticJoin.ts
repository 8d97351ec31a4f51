import { unknownCallerAppId } from "../unknownCaller";
import type { UsageEvent } from "../usageEvent";
import type { GatewayHalf, LlmHalf } from "./diagnosticRecord";
import { itemAt } from "../../core/arrays";

/** A call whose halves are in: its usage event, the records it came from, and where the first was read. */
export type JoinedCall<P> = { event: UsageEvent; raw: string; source: string; positions: P[] };

type Pending<P> = { llm: LlmHalf | null; gateway: GatewayHalf | null; raws: string[]; source: string; since: number; positions: P[] };

/**
 * Joins the two diagnostic records of each call on their correlation id, whatever order and
 * partition they come in. A call is ready once its token record and its gateway record are both
 * in; a token record whose gateway record has not come within `windowMs` (of record time: the
 * newest record seen is the clock, so a replay joins the same way) is charged to the unknown
 * caller; a gateway record with no token record in that time is a call without usage (another
 * API, a throttled or failed call) and is let go. Holds only what is pending; `P` is where a
 * record was read (a hub position), so a consumer never checkpoints past a pending record.
 * A call stays known for a window after it is settled: a record of it delivered again in that time
 * gives the same call again (a duplicate downstream), not a call of its own to the unknown caller.
 */
export class DiagnosticJoin<P> {
  private readonly pending = new Map<string, Pending<P>>();
  /**
   * The pending calls by their first record's time, oldest first: records come from several
   * partitions out of time order, so arrival order says nothing of which window ends first.
   * An entry settled or moved earlier leaves a stale node behind, skipped when it reaches the top.
   */
  private readonly bySince = new MinHeap<{ since: number; correlationId: string; entry: Pending<P> }>((a, b) => a.since - b.since);
  private ready: JoinedCall<P>[] = [];
  /** Calls settled lately, in settling order, by correlation id, with the record time they were settled at. */
  private readonly settled = new Map<string, { event: UsageEvent; at: number }>();
  private clock = Number.NEGATIVE_INFINITY;

  constructor(private readonly windowMs: number) {}

  add(half: LlmHalf | GatewayHalf, raw: string, source: string, position: P): void {
    this.clock = Math.max(this.clock, half.time);
    const known = this.settled.get(half.correlationId);
    if (known) {
      // Its gateway or token record again is the call again; a message chunk adds nothing.
      if (half.kind === "gateway" || half.totalTokens > 0) this.ready.push({ event: known.event, raw, source, positions: [position] });
      this.expire(false);
      return;
    }
    const entry = this.pending.get(half.correlationId) ?? { llm: null, gateway: null, raws: [], source, since: half.time, positions: [] };
    this.pending.set(half.correlationId, entry);
    entry.raws.push(raw);
    entry.positions.push(position);
    if (entry.positions.length === 1 || half.time < entry.since) {
      entry.since = Math.min(entry.since, half.time);
      this.bySince.push({ since: entry.since, correlationId: half.correlationId, entry });
    }
    if (half.kind === "gateway") entry.gateway ??= half;
    // The model log is split into several records; one carries the tokens (the largest count
    // wins, so a record delivered twice is not counted twice).
    else if (entry.llm === null || half.totalTokens > entry.llm.totalTokens) entry.llm = half;
    if (entry.gateway && tokenRecord(entry)) this.settle(half.correlationId, entry);
    this.expire(false);
  }

  /** Calls ready now; with `all` (the end of a file), every pending one too. */
  take(all = false): JoinedCall<P>[] {
    if (all) this.expire(true);
    const ready = this.ready;
    this.ready = [];
    return ready;
  }

  /** Where the records still waiting were read. */
  pendingPositions(): P[] {
    return [...this.pending.values()].flatMap((e) => e.positions);
  }

  /** Lets go of what waited longer than the window: a token record then goes to the unknown caller. */
  private expire(all: boolean): void {
    for (const [correlationId, { at }] of this.settled) {
      if (at + this.windowMs >= this.clock) break;
      this.settled.delete(correlationId);
    }
    for (let top = this.bySince.peek(); top; top = this.bySince.peek()) {
      const { since, correlationId, entry } = top;
      const current = this.pending.get(correlationId) === entry && entry.since === since;
      if (current && !all && since + this.windowMs >= this.clock) break;
      this.bySince.pop();
      if (current) this.settle(correlationId, entry);
    }
  }

  private settle(correlationId: string, entry: Pending<P>): void {
    this.pending.delete(correlationId);
    const llm = tokenRecord(entry);
    if (!llm) return;
    const call = this.call(entry, llm, entry.gateway);
    this.ready.push(call);
    this.settled.set(correlationId, { event: call.event, at: this.clock });
  }

  private call(entry: Pending<P>, llm: LlmHalf, gateway: GatewayHalf | null): JoinedCall<P> {
    const event: UsageEvent = {
      shape: "azure-monitor",
      requestId: llm.correlationId,
      time: gateway?.time ?? llm.time,
      appId: gateway?.appId ?? gateway?.subscriptionId ?? unknownCallerAppId("azure-monitor"),
      deployment: llm.deployment,
      model: llm.model,
      operation: llm.operation,
      // The log's Region is the gateway's, not the model's: the deployment's configuration names it.
      region: "",
      promptTokens: llm.promptTokens,
      cachedTokens: 0,
      completionTokens: llm.completionTokens,
      reasoningTokens: 0,
      totalTokens: llm.totalTokens,
      modelTimeMs: null,
      status: gateway?.responseCode ?? 200,
      streamed: llm.streamed,
      subscriptionId: gateway?.subscriptionId ?? null,
      product: gateway?.productId ?? null,
    };
    return { event, raw: `[${entry.raws.join(",")}]`, source: entry.source, positions: entry.positions };
  }
}

/** The record with the call's tokens, once one has come (the others carry message chunks). */
const tokenRecord = (entry: { llm: LlmHalf | null }) => (entry.llm !== null && entry.llm.totalTokens > 0 ? entry.llm : null);

/** A binary min-heap: the least element (by `before`) on top. */
class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly before: (a: T, b: T) => number) {}

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (this.before(itemAt(a, i), itemAt(a, parent)) >= 0) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private swap(i: number, j: number): void {
    const a = this.items;
    [a[i], a[j]] = [itemAt(a, j), itemAt(a, i)];
  }

  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    a[0] = last;
    for (let i = 0; ; ) {
      const [l, r] = [2 * i + 1, 2 * i + 2];
      let least = i;
      if (l < a.length && this.before(itemAt(a, l), itemAt(a, least)) < 0) least = l;
      if (r < a.length && this.before(itemAt(a, r), itemAt(a, least)) < 0) least = r;
      if (least === i) break;
      this.swap(i, least);
      i = least;
    }
    return top;
  }
}
