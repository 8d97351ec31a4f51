import type Database from "better-sqlite3";
import type { InvoiceImport, InvoiceLine } from "../../invoice/invoiceLine";
import type { MeterSku, TokenKind } from "../../pricing/meterCatalog";

const LINE_COLUMNS = [
  "importId",
  "day",
  "resourceId",
  "region",
  "meterName",
  "modelId",
  "sku",
  "batch",
  "kind",
  "chargeCategory",
  "currency",
  "rows",
  "tokens",
  "billedAtto",
  "effectiveAtto",
];
const IMPORT_COLUMNS = ["id", "file", "format", "rows", "counted", "skipped", "fromDay", "toDay", "resources", "importedAt"];
const placeholders = (columns: string[]) => columns.map((c) => `@${c}`).join(", ");

/** An import replaces the lines and records of its id and of the imports it supersedes, in one transaction. */
export function createInvoiceWriter(db: Database.Database) {
  const exists = db.prepare("SELECT 1 FROM InvoiceImport WHERE id = ?").pluck();
  const deleteLines = db.prepare("DELETE FROM InvoiceLine WHERE importId = ?");
  const insertLine = db.prepare(`INSERT INTO InvoiceLine (${LINE_COLUMNS.join(", ")}) VALUES (${placeholders(LINE_COLUMNS)})`);
  const upsertImport = db.prepare(`INSERT OR REPLACE INTO InvoiceImport (${IMPORT_COLUMNS.join(", ")}) VALUES (${placeholders(IMPORT_COLUMNS)})`);
  const deleteImport = db.prepare("DELETE FROM InvoiceImport WHERE id = ?");
  return db.transaction((record: InvoiceImport, lines: InvoiceLine[], supersedes: string[]) => {
    const alreadyImported = exists.get(record.id) !== undefined;
    for (const id of supersedes.filter((s) => s !== record.id)) {
      deleteLines.run(id);
      deleteImport.run(id);
    }
    deleteLines.run(record.id);
    for (const l of lines) {
      insertLine.run({
        ...l,
        importId: record.id,
        batch: l.batch ? 1 : 0,
        tokens: l.tokens.toString(),
        billedAtto: l.billedAtto.toString(),
        effectiveAtto: l.effectiveAtto.toString(),
      });
    }
    upsertImport.run({
      ...record,
      skipped: JSON.stringify(record.skipped),
      resources: JSON.stringify(record.resources),
      importedAt: BigInt(record.importedAt),
    });
    return { alreadyImported };
  });
}

export function listInvoiceLines(db: Database.Database, fromDay: string, toDay: string): InvoiceLine[] {
  const rows = db
    .prepare("SELECT * FROM InvoiceLine WHERE day >= ? AND day < ? ORDER BY day, resourceId, meterName, chargeCategory, currency, importId")
    .all(fromDay, toDay) as Record<keyof InvoiceLine, string | number>[];
  return rows.map((r) => ({
    day: String(r.day),
    resourceId: String(r.resourceId),
    region: String(r.region),
    meterName: String(r.meterName),
    modelId: String(r.modelId),
    sku: r.sku as MeterSku,
    batch: r.batch === 1,
    kind: r.kind as TokenKind,
    chargeCategory: String(r.chargeCategory),
    currency: String(r.currency),
    rows: Number(r.rows),
    tokens: BigInt(r.tokens),
    billedAtto: BigInt(r.billedAtto),
    effectiveAtto: BigInt(r.effectiveAtto),
  }));
}

export function listInvoiceImports(db: Database.Database): InvoiceImport[] {
  const rows = db.prepare("SELECT * FROM InvoiceImport ORDER BY importedAt, id").all() as Record<string, string | number>[];
  return rows.map((r) => ({
    id: String(r.id),
    file: String(r.file),
    format: r.format as InvoiceImport["format"],
    rows: Number(r.rows),
    counted: Number(r.counted),
    skipped: JSON.parse(String(r.skipped)) as Record<string, number>,
    fromDay: String(r.fromDay),
    toDay: String(r.toDay),
    resources: JSON.parse(String(r.resources)) as string[],
    importedAt: Number(r.importedAt),
  }));
}
