import { statementFileName } from "../statements/statementPack";
import { getStatementPdf } from "../statements/statementPdf";
import type { LedgerStore } from "../store/port";
import type { Attachment } from "./channels";
import type { StoredNotification } from "./notification";

/**
 * A closed month's notice to a unit carries the unit's statement PDF, as issued (the frozen
 * statement, so a message retried later carries the same figures); other messages carry nothing.
 */
export async function statementAttachments(store: LedgerStore, n: StoredNotification): Promise<Attachment[]> {
  const { month, businessUnit } = n.facts;
  if (n.kind !== "month-closed" || !month || !businessUnit) return [];
  const pdf = await getStatementPdf(store, month, businessUnit);
  return pdf ? [{ filename: statementFileName(month, businessUnit), content: pdf, contentType: "application/pdf" }] : [];
}
