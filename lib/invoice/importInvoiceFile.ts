import { createHash } from "node:crypto";
import fs from "node:fs";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { parse } from "csv-parse";
import { UserError } from "../errors";
import type { UsageStore } from "../store/port";
import { readHeader, type FieldIndex } from "./exportColumns";
import type { InvoiceFormat, InvoiceImport, InvoiceLine } from "./invoiceLine";
import { readInvoiceRow } from "./readInvoiceRow";
import { supersededImports } from "./supersededImports";

export type ImportOptions = {
  /** Resource id prefixes of the gateway's Azure OpenAI resources; empty: every token meter counts. */
  resources?: readonly string[];
  /** Replace earlier imports of the same resources and months (a fuller month-to-date export). */
  supersede?: boolean;
  /** Called now and then with the compressed bytes read so far, for a progress line. */
  onProgress?: (bytesRead: number) => void;
  now?: number;
};
export type ImportSummary = { file: string; id: string; format: InvoiceFormat; rows: number; counted: number; skipped: Record<string, number>; lines: number; alreadyImported: boolean; superseded: string[] };

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * Streams one export (CSV or gzip'd CSV) into lines summed per day, resource, meter, charge
 * category and currency (a few thousand, whatever the row count), then stores them in place of
 * any earlier import of the same content: the import's id is the SHA-256 of the CSV text.
 */
export async function importInvoiceFile(store: UsageStore, file: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const resources = (options.resources ?? []).map((r) => r.toLowerCase());
  const hash = createHash("sha256");
  const lines = new Map<string, InvoiceLine>();
  const skipped: Record<string, number> = {};
  let header: { format: InvoiceFormat; fields: FieldIndex } | undefined;
  let rows = 0;
  let counted = 0;

  const gzipped = await startsWith(file, GZIP_MAGIC);
  const hashing = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const source = fs.createReadStream(file);
  const add = (cells: string[]): null => {
    if (!header) {
      header = readHeader(cells, file);
      return null;
    }
    // Progress is read off the file stream: a "data" listener would switch it to flowing mode and defeat back-pressure.
    if (++rows % 10_000 === 0) options.onProgress?.(source.bytesRead);
    const reading = readInvoiceRow(cells, header.fields, resources);
    if ("skipped" in reading) {
      skipped[reading.skipped] = (skipped[reading.skipped] ?? 0) + 1;
      return null;
    }
    counted++;
    const r = reading.row;
    const key = `${r.day}|${r.resourceId}|${r.meterName}|${r.chargeCategory}|${r.currency}`;
    const line = lines.get(key);
    if (line) {
      line.rows++;
      line.tokens += r.tokens;
      line.billedAtto += r.billedAtto;
      line.effectiveAtto += r.effectiveAtto;
    } else {
      const { meter, ...rest } = r;
      lines.set(key, { ...rest, modelId: meter.modelId, sku: meter.sku, batch: meter.batch, kind: meter.kind, rows: 1 });
    }
    return null;
  };
  // Rows are summed as the parser reads them (on_record) and none is passed on: handing millions
  // of records one by one to a consumer costs more than reading them.
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, on_record: add });
  const drain = async function* (records: AsyncIterable<unknown>) {
    for await (const _ of records); // nothing comes: every record was summed above
  };
  try {
    await (gzipped ? pipeline(source, createGunzip(), hashing, parser, drain) : pipeline(source, hashing, parser, drain));
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${file}: ${(error as Error).message}; nothing imported`);
  }
  if (!header) throw new UserError(`${file}: empty file (no header row); nothing imported`);
  options.onProgress?.(source.bytesRead);

  const days = [...lines.values()].map((l) => l.day).sort();
  const record: InvoiceImport = {
    id: hash.digest("hex"),
    file,
    format: header.format,
    rows,
    counted,
    skipped,
    fromDay: days[0] ?? "",
    toDay: days.at(-1) ?? "",
    resources: [...new Set([...lines.values()].map((l) => l.resourceId))].sort(),
    importedAt: options.now ?? Date.now(),
  };
  const superseded = options.supersede ? supersededImports(record, await store.listInvoiceImports()) : [];
  const { alreadyImported } = await store.saveInvoiceImport(record, [...lines.values()], superseded);
  return { file, id: record.id, format: record.format, rows, counted, skipped, lines: lines.size, alreadyImported, superseded };
}

async function startsWith(file: string, magic: number[]): Promise<boolean> {
  const handle = await fs.promises.open(file, "r").catch((error: NodeJS.ErrnoException) => {
    throw new UserError(`cannot read ${file}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
  });
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(magic.length), 0, magic.length, 0);
    return bytesRead === magic.length && magic.every((b, i) => buffer[i] === b);
  } finally {
    await handle.close();
  }
}
