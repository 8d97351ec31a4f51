import readline from "node:readline";
import type { Readable } from "node:stream";
import type { SourceLine } from "../../lib/events/processUsageBatch";

/** Reads NDJSON in batches of source lines; blank lines are not events and are passed over. */
export async function* ndjsonBatches(stream: Readable, name: string, batchSize: number): AsyncGenerator<SourceLine[]> {
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  let batch: SourceLine[] = [];
  let number = 0;
  for await (const line of lines) {
    number++;
    // Editors on Windows start files with a byte-order mark; it is not part of the first event.
    const text = number === 1 && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
    if (text.trim() === "") continue;
    batch.push({ text, source: `${name}:${number}` });
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
