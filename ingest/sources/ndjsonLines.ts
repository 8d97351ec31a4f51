import fs from "node:fs";
import readline from "node:readline";
import type { Readable } from "node:stream";
import { createLineIdentities } from "../../lib/events/lineIdentity";
import type { SourceLine } from "../../lib/events/processUsageBatch";

/** Opens a file, or standard input for "-", as a stream of NDJSON. */
export function openNdjson(file: string): { stream: Readable; name: string } {
  if (file === "-") return { stream: process.stdin, name: "stdin" };
  return { stream: fs.createReadStream(file, { highWaterMark: 1 << 20 }), name: file };
}

/** Reads NDJSON in batches of source lines; blank lines are not events and are passed over. */
export async function* ndjsonBatches(stream: Readable, name: string, batchSize: number): AsyncGenerator<SourceLine[]> {
  const identify = createLineIdentities();
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  let batch: SourceLine[] = [];
  let number = 0;
  for await (const text of lines) {
    number++;
    if (text.trim() === "") continue;
    batch.push({ text, source: `${name}:${number}`, fallbackId: () => identify(text) });
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
