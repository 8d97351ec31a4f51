import readline from "node:readline";
import type { Readable } from "node:stream";
import type { SourceLine } from "../../lib/events/processUsageBatch";

/** Reads NDJSON in batches of source lines; blank lines are not events and are passed over. */
export async function* ndjsonBatches(stream: Readable, name: string, batchSize: number): AsyncGenerator<SourceLine[]> {
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  let batch: SourceLine[] = [];
  let number = 0;
  for await (const text of lines) {
    number++;
    if (text.trim() === "") continue;
    batch.push({ text, source: `${name}:${number}` });
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
