import { UserError } from "../core/errors";
import type { LedgerStore } from "../store/port";
import { getStatement, statementCsv } from "./getStatement";
import { getStatementPack, statementFileName } from "./statementPack";
import { getStatementPdf } from "./statementPdf";

export type StatementFormat = "pdf" | "csv" | "json";
export type StatementRequest = { month: string; businessUnit?: string; all?: boolean; format: StatementFormat };
export type StatementFile = { name: string; content: Buffer };

/**
 * The file `chargeback statement` writes: one unit's statement (PDF, CSV or JSON), or with `all`
 * the month's pack of every unit's PDF. A month still open, or a unit with no statement, is refused.
 */
export async function statementFile(store: LedgerStore, { month, businessUnit, all, format }: StatementRequest): Promise<StatementFile> {
  if (all && businessUnit) throw new UserError("give --business-unit for one statement or --all for the pack, not both");
  if (!all && !businessUnit) throw new UserError("name a --business-unit, or give --all for every unit's statement");
  if (!(await store.getClosedMonth(month))) throw new UserError(`${month} is not closed yet: statements are issued when finance closes the month`);
  if (all) {
    if (format !== "pdf") throw new UserError("--all writes the PDF pack (a ZIP): leave --format out or make it pdf");
    return { name: `statements-${month}.zip`, content: (await getStatementPack(store, month)) as Buffer };
  }
  const unit = businessUnit as string;
  const missing = () => new UserError(`${unit} has no statement for ${month}: it had no cost in the month`);
  if (format === "pdf") {
    const pdf = await getStatementPdf(store, month, unit);
    if (!pdf) throw missing();
    return { name: statementFileName(month, unit), content: pdf };
  }
  const statement = await getStatement(store, month, unit);
  if (!statement || statement.lines.length === 0) throw missing();
  const base = statementFileName(month, unit).replace(/\.pdf$/, "");
  return format === "csv"
    ? { name: `${base}.csv`, content: Buffer.from(statementCsv(statement)) }
    : { name: `${base}.json`, content: Buffer.from(`${JSON.stringify(statement, null, 2)}\n`) };
}
