import { stringify } from "csv-stringify/sync";
import { loadConfig } from "../config/schema";
import { safeText } from "../core/safeText";
import type { LedgerStore } from "../store/port";
import { issuedStatements } from "./issuedStatements";
import { getStatementPdf } from "./statementPdf";

/** A file name that survives every file system and ZIP tool: the unit's name, plainly. */
export const statementFileName = (month: string, businessUnit: string) => `statement-${month}-${businessUnit.replace(/[^\w.-]+/g, "_")}.pdf`;

/**
 * Every unit's statement PDF for a closed month in one ZIP, with an index (number, unit, total,
 * file) for finance to send them from; null while the month is open.
 */
export async function getStatementPack(store: LedgerStore, month: string, issuer = loadConfig().CHARGEBACK_STATEMENT_ISSUER): Promise<Buffer | null> {
  if (!(await store.getClosedMonth(month))) return null;
  const statements = await issuedStatements(store, month);
  const { default: JSZip } = await import("jszip"); // when a pack is made: not at every command's start-up
  const zip = new JSZip();
  const names = new Set<string>();
  const index: string[][] = [];
  for (const s of statements) {
    let name = statementFileName(month, s.businessUnit);
    // Two units whose names differ only in characters a file name drops keep a file each.
    if (names.has(name)) name = name.replace(/\.pdf$/, `-${s.number.slice(-4)}.pdf`);
    names.add(name);
    const pdf = await getStatementPdf(store, month, s.businessUnit, issuer);
    if (pdf) zip.file(name, pdf, { date: new Date(`${month}-01T00:00:00Z`) });
    index.push([s.number, safeText(s.businessUnit), s.total, s.currency, name]);
  }
  zip.file(`statements-${month}.csv`, stringify([["number", "businessUnit", "total", "currency", "file"], ...index]), {
    date: new Date(`${month}-01T00:00:00Z`),
  });
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
