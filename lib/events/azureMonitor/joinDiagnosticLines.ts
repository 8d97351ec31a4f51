import { checkedEvent } from "../parseEventLine";
import type { SourceLine } from "../processUsageBatch";
import { DiagnosticJoin } from "./diagnosticJoin";
import { diagnosticRecordsOf, readDiagnosticRecord } from "./diagnosticRecord";

export type DiagnosticOptions = {
  /** How long (record time) a call's first record waits for the other: 5 minutes by default. */
  windowMs?: number;
  /** The logged request header that carries the caller's app id, if any (else the APIM subscription is the caller). */
  appIdHeader?: string | null;
};
export const DEFAULT_JOIN_WINDOW_MS = 5 * 60_000;

/**
 * A source's lines with API Management's diagnostic records joined into calls: other lines pass
 * as they are; each envelope's records wait in the join until their call is complete, then come
 * out as one line per call (already read, named by its correlation id); a record that cannot be
 * read comes out on its own, to be quarantined with its reason. `P` is where a line was read.
 */
export class DiagnosticLines<P> {
  private readonly join: DiagnosticJoin<P>;
  private readonly appIdHeader: string | null;

  constructor(options: DiagnosticOptions = {}) {
    this.join = new DiagnosticJoin<P>(options.windowMs ?? DEFAULT_JOIN_WINDOW_MS);
    this.appIdHeader = options.appIdHeader ?? null;
  }

  /**
   * The batch's lines to write now, and where the records of the calls among them were read (some
   * perhaps in earlier batches: a consumer must not checkpoint past them before these lines are
   * written); `all` (the end of a file) lets every pending call out.
   */
  feed(lines: readonly SourceLine[], positionOf: (line: SourceLine, index: number) => P, all = false): { lines: SourceLine[]; settled: P[] } {
    const out: SourceLine[] = [];
    lines.forEach((line, index) => {
      if ("undecodable" in line) {
        out.push(line); // not text: quarantined as bytes, whatever it was meant to be
        return;
      }
      const records = diagnosticRecordsOf(line.text);
      if (records === null) {
        out.push(line);
        return;
      }
      records.forEach((record, i) => {
        const reading = readDiagnosticRecord(record, this.appIdHeader);
        const source = records.length > 1 ? `${line.source} record ${i + 1}` : line.source;
        if ("half" in reading) this.join.add(reading.half, reading.raw, source, positionOf(line, index));
        // Records of other categories share the diagnostic setting's hub: not ours to read. A
        // record that cannot be read is named by where it was (a live source names every line; a
        // file's lines are named by their text), so a redelivery quarantines it once.
        else if ("problem" in reading)
          out.push({ text: reading.raw, source, id: recordId(line.id, i, records.length), parsed: { ok: false, reason: reading.problem } });
      });
    });
    const settled: P[] = [];
    for (const call of this.join.take(all)) {
      // Named by the call (its correlation id), should its counts be refused.
      out.push({ text: call.raw, source: call.source, id: `apim:${call.event.requestId}`, parsed: checkedEvent("azure-monitor", call.event) });
      settled.push(...call.positions);
    }
    return { lines: out, settled };
  }

  /** Where the records still waiting for their call were read: a consumer checkpoints before them. */
  pendingPositions(): P[] {
    return this.join.pendingPositions();
  }
}

/** A record's own identity within its line: the line's for a line of one record (a replayed quarantined record keeps its own). */
const recordId = (lineId: string | undefined, index: number, count: number) => (lineId === undefined || count === 1 ? lineId : `${lineId}/${index + 1}`);
