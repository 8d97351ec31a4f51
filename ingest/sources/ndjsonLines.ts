import { StringDecoder } from "node:string_decoder";
import type { Readable } from "node:stream";
import type { SourceLine } from "../../lib/events/processUsageBatch";

/** Said of a last line that has no newline and is not JSON yet: a writer may still be appending it. */
export type OnUnterminated = (source: string) => void;

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads NDJSON in batches of source lines. Blank lines are not events and are passed over. A last
 * line without a newline that does not parse is held back, not quarantined: it is read again, whole,
 * the next time the file is ingested.
 */
export async function* ndjsonBatches(
  stream: Readable,
  name: string,
  batchSize: number,
  onUnterminated: OnUnterminated = () => {},
): AsyncGenerator<SourceLine[]> {
  const decoder = new StringDecoder("utf8");
  let batch: SourceLine[] = [];
  let number = 0;
  let rest = "";
  const add = (raw: string) => {
    number++;
    let text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    // Editors on Windows start files with a byte-order mark; it is not part of the first event.
    if (number === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() !== "") batch.push({ text, source: `${name}:${number}` });
  };
  for await (const chunk of stream) {
    const lines = (rest + (typeof chunk === "string" ? chunk : decoder.write(chunk))).split("\n");
    rest = lines.pop()!;
    for (const line of lines) {
      add(line);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  rest += decoder.end();
  if (rest.trim() !== "") {
    if (isJson(rest)) add(rest);
    else onUnterminated(`${name}:${number + 1}`);
  }
  if (batch.length > 0) yield batch;
}
