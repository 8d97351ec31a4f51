import { parse } from "csv-parse/sync";
import { UserError } from "../core/errors";

export type CsvRow = { line: number; values: Record<string, string> };

/** Parses CSV text with a header row, insisting on the columns a command needs. */
export function readCsv(text: string, file: string, required: readonly string[], optional: readonly string[] = []): CsvRow[] {
  let records: { info: { lines: number }; record: Record<string, string> }[];
  try {
    records = parse(text, { columns: true, trim: true, skip_empty_lines: true, bom: true, info: true });
  } catch (error) {
    throw new UserError(`${file}: not valid CSV (${(error as Error).message})`);
  }
  const [first] = records;
  const header = first ? Object.keys(first.record) : firstLine(text);
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new UserError(`${file}: missing column ${missing.join(", ")} (expected ${[...required, ...optional].join(",")})`);
  const unknown = header.filter((c) => !required.includes(c) && !optional.includes(c));
  if (unknown.length > 0) throw new UserError(`${file}: unknown column ${unknown.join(", ")} (expected ${[...required, ...optional].join(",")})`);
  return records.map((r) => ({ line: r.info.lines, values: r.record }));
}

const firstLine = (text: string) => (text.split(/\r?\n/, 1)[0] ?? "").split(",").map((c) => c.trim());
