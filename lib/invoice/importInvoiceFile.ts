import { now } from "../core/clock";
import { createHash, type Hash } from "node:crypto";
import fs from "node:fs";
import { pipeline, Transform, type Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";
import Papa from "papaparse";
import { UserError } from "../core/errors";
import type { InvoiceStore } from "../store/port";
import { type ExportHeader, readHeader } from "./exportColumns";
import type { InvoiceFormat, InvoiceImport } from "./invoiceLine";
import { InvoiceTally } from "./invoiceTally";
import { supersededImports } from "./supersededImports";

export type ImportOptions = {
  /** Resource id prefixes of the gateway's Azure OpenAI resources; empty: every token meter counts. */
  resources?: readonly string[];
  /** Replace earlier imports of the same resources and months (a fuller month-to-date export). */
  supersede?: boolean;
  /** Called now and then with the compressed bytes read so far, for a progress line. */
  onProgress?: (bytesRead: number) => void;
  /** What to call the file in messages and the import's record (an upload's own name, not where it was saved). */
  name?: string;
  now?: number;
};
export type ImportSummary = {
  file: string;
  id: string;
  format: InvoiceFormat;
  /** The file's columns that are not read (a format version with more columns imports all the same). */
  ignoredColumns: string[];
  rows: number;
  counted: number;
  skipped: Record<string, number>;
  lines: number;
  alreadyImported: boolean;
  superseded: string[];
};

const GZIP_MAGIC = [0x1f, 0x8b];
/** Bytes read (and inflated) at a time: a larger chunk outlives the young generation while it is parsed, and the heap grows by hundreds of megabytes of garbage (measured: 1 MiB 575 MB peak, 64 KiB 292 MB). */
const CHUNK_BYTES = 1 << 16;

/**
 * Streams one export (CSV or gzip'd CSV) into lines summed per day, resource, meter, charge
 * category and currency (a few thousand, whatever the row count), then stores them in place of
 * any earlier import of the same content: the import's id is the SHA-256 of the CSV text.
 */
export async function importInvoiceFile(store: InvoiceStore, path: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const file = options.name ?? path;
  const resources = (options.resources ?? []).map((r) => r.toLowerCase());
  const hash = createHash("sha256");
  let header: ExportHeader | undefined;
  let tally: InvoiceTally | undefined;

  const gzipped = await startsWith(path, GZIP_MAGIC, file);
  const source = fs.createReadStream(path, { highWaterMark: CHUNK_BYTES });
  const addRows = (rows: string[][]) => {
    for (const cells of rows) {
      if (tally) tally.add(cells);
      else {
        header = readHeader(cells, file);
        tally = new InvoiceTally(header.fields, resources);
      }
    }
    // Progress counts the file's own bytes (compressed ones for a gzip'd file), as the bar's total does.
    options.onProgress?.(source.bytesRead);
  };
  try {
    const text = gzipped ? pipeline(source, createGunzip({ chunkSize: CHUNK_BYTES }), textOf(hash), ignore) : pipeline(source, textOf(hash), ignore);
    await parseCsv(text, addRows);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${file}: ${(error as Error).message}; nothing imported`);
  }
  if (!header || !tally) throw new UserError(`${file}: empty file (no header row); nothing imported`);
  options.onProgress?.(source.bytesRead);
  const { rows, counted, skipped } = tally;
  const lines = tally.lines();

  const days = lines.map((l) => l.day).sort();
  const record: InvoiceImport = {
    id: hash.digest("hex"),
    file,
    format: header.format,
    rows,
    counted,
    skipped,
    fromDay: days[0] ?? "",
    toDay: days.at(-1) ?? "",
    resources: [...new Set(lines.map((l) => l.resourceId))].sort(),
    importedAt: options.now ?? now(),
  };
  const superseded = options.supersede ? supersededImports(record, await store.listInvoiceImports()) : [];
  const { alreadyImported } = await store.saveInvoiceImport(record, lines, superseded);
  return {
    file,
    id: record.id,
    format: record.format,
    ignoredColumns: header.ignoredColumns,
    rows,
    counted,
    skipped,
    lines: lines.length,
    alreadyImported,
    superseded,
  };
}

async function startsWith(path: string, magic: number[], file: string): Promise<boolean> {
  const handle = await fs.promises.open(path, "r").catch((error: NodeJS.ErrnoException) => {
    throw new UserError(`cannot read ${file}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
  });
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(magic.length), 0, magic.length, 0);
    return bytesRead === magic.length && magic.every((b, i) => buffer[i] === b);
  } finally {
    await handle.close();
  }
}

// The pipeline's errors reach the parser through the last stream, which they destroy.
const ignore = () => {};

/**
 * The CSV text of the file's bytes, hashed as they pass (the import's id is the hash of the CSV,
 * compressed or not): UTF-8 decoded across chunk boundaries, without a byte-order mark.
 */
function textOf(hash: Hash): Transform {
  const decoder = new StringDecoder("utf8");
  let first = true;
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      let text = decoder.write(chunk);
      if (first && text !== "") {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      done(null, text === "" ? undefined : text);
    },
    flush(done) {
      const rest = decoder.end();
      done(null, rest === "" ? undefined : rest);
    },
  });
}

/**
 * Streams the text through Papa Parse, handing each parsed chunk of rows to `onRows` as it comes
 * (Papa Parse reads about four times as fast as csv-parse here). Parsing is synchronous per chunk,
 * so the stream never runs ahead of it. A malformed quote fails the whole file.
 */
function parseCsv(text: Readable, onRows: (rows: string[][]) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = 0;
    const fail = (error: unknown) => {
      reject(error);
      text.destroy();
    };
    text.on("error", fail);
    Papa.parse<string[]>(text, {
      delimiter: ",",
      skipEmptyLines: true,
      chunk: ({ data, errors }, parser) => {
        try {
          const [error] = errors;
          if (error) throw new Error(`${error.message} (row ${seen + (error.row ?? 0) + 1})`);
          onRows(data);
          seen += data.length;
        } catch (error) {
          fail(error);
          parser.abort();
        }
      },
      complete: () => resolve(),
      error: fail,
    });
  });
}
