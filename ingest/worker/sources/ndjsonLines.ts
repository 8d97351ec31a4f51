import { isAscii } from "node:buffer";
import type { Readable } from "node:stream";
import type { SourceLine } from "../../../lib/events/processUsageBatch";
import { decodeStrictUtf8, type Undecodable } from "../../../lib/events/strictUtf8";

/** Said of a last line that has no newline and is not JSON yet: a writer may still be appending it. */
export type OnUnterminated = (source: string) => void;

const NEWLINE = 0x0a;

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Complete lines of bytes, each decoded strictly. A newline byte is never part of a multi-byte
 * UTF-8 sequence, so bytes split at newlines split the text at newlines; a run is decoded at once,
 * and only a run that is not UTF-8 is decoded line by line to find the lines at fault.
 */
function decodeRun(bytes: Buffer): (string | Undecodable)[] {
  // Nearly all input is ASCII, which reads the same as UTF-8 and as Latin-1; Latin-1 is a copy.
  if (isAscii(bytes)) return bytes.toString("latin1").split("\n");
  const whole = decodeStrictUtf8(bytes);
  if (typeof whole === "string") return whole.split("\n");
  const lines: (string | Undecodable)[] = [];
  for (let start = 0; start <= bytes.length; ) {
    const end = bytes.indexOf(NEWLINE, start);
    const stop = end === -1 ? bytes.length : end;
    lines.push(decodeStrictUtf8(bytes.subarray(start, stop)));
    start = stop + 1;
  }
  return lines;
}

// Runs are decoded in pieces of about this many bytes, cut at newlines: a string this small is
// made in V8's young generation, where a 1 MB one (a whole chunk) is a large object of its own,
// which Node allocates with malloc and the bin's fixed mmap threshold turns into an mmap, page
// faults and a munmap per chunk; that cost the reading thread ~1.5 s of CPU per million events.
const PIECE_BYTES = 64 * 1024;

/** The lines of a run, as `decodeRun` reads them, a piece at a time. */
function decodeLines(bytes: Buffer): (string | Undecodable)[] {
  if (bytes.length <= PIECE_BYTES) return decodeRun(bytes);
  const lines: (string | Undecodable)[] = [];
  for (let start = 0; ; ) {
    // The last newline within a piece, else the first after it (a line longer than a piece); -1
    // once the rest is a piece or one line.
    const fits = bytes.length - start <= PIECE_BYTES;
    let cut = fits ? -1 : bytes.lastIndexOf(NEWLINE, start + PIECE_BYTES);
    if (!fits && cut < start) cut = bytes.indexOf(NEWLINE, start + PIECE_BYTES);
    if (cut === -1) {
      lines.push(...decodeRun(bytes.subarray(start)));
      return lines;
    }
    lines.push(...decodeRun(bytes.subarray(start, cut)));
    start = cut + 1;
  }
}

/**
 * Reads NDJSON in batches of source lines. Blank lines are not events and are passed over. A line
 * that is not UTF-8 is passed on as its bytes, for the quarantine. A last line without a newline
 * that does not parse is held back, not quarantined: it is read again, whole, the next time the
 * file is ingested. A batch ends at `batchSize` lines or once its lines pass `batchBytes` bytes of
 * text (UTF-16 code units, a close enough count): what a batch holds is bounded whatever size the
 * events are (one may be 200 KB).
 */
export async function* ndjsonBatches(
  stream: Readable,
  name: string,
  batchSize: number,
  onUnterminated: OnUnterminated = () => {},
  batchBytes = Number.POSITIVE_INFINITY,
): AsyncGenerator<SourceLine[]> {
  let batch: SourceLine[] = [];
  let batchChars = 0;
  let number = 0;
  let rest: Buffer = Buffer.alloc(0);
  const add = (line: string | Undecodable) => {
    number++;
    const source = `${name}:${number}`;
    if (typeof line !== "string") {
      batch.push({ undecodable: line, source });
      batchChars += line.base64.length;
      return;
    }
    let text = line.endsWith("\r") ? line.slice(0, -1) : line;
    // Editors on Windows start files with a byte-order mark; it is not part of the first event.
    if (number === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() !== "") {
      batch.push({ text, source });
      batchChars += text.length;
    }
  };
  // The line a chunk ends in, unfinished, is joined to the start of the next one alone: the rest of
  // a chunk (1 MB) is decoded where it lies, not copied.
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    const first = bytes.indexOf(NEWLINE);
    if (first === -1) {
      rest = rest.length === 0 ? bytes : Buffer.concat([rest, bytes]);
      continue;
    }
    const last = bytes.lastIndexOf(NEWLINE);
    const head = rest.length === 0 ? bytes.subarray(0, first) : Buffer.concat([rest, bytes.subarray(0, first)]);
    rest = bytes.subarray(last + 1);
    const runs = first === last ? [head] : [head, bytes.subarray(first + 1, last)];
    for (const run of runs) {
      for (const line of decodeLines(run)) {
        add(line);
        if (batch.length >= batchSize || batchChars >= batchBytes) {
          yield batch;
          batch = [];
          batchChars = 0;
        }
      }
    }
  }
  const tail = decodeStrictUtf8(rest);
  if (typeof tail !== "string" || tail.trim() !== "") {
    if (typeof tail === "string" && isJson(tail)) add(tail);
    else onUnterminated(`${name}:${number + 1}`);
  }
  if (batch.length > 0) yield batch;
}
