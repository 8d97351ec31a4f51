import type { AuditEntry } from "../audit/auditEntry";
import type { AuditStore, LedgerStore } from "../store/port";

/**
 * The audit log with every month closed and reopened among the changes, newest first: the
 * closes are kept in the month log (beside the statements they froze), and shown with the rest.
 */
export async function listAuditTrail(store: Pick<AuditStore, "listAudit"> & Pick<LedgerStore, "listMonthLog">, limit: number): Promise<AuditEntry[]> {
  const [changes, months] = await Promise.all([store.listAudit(limit), store.listMonthLog()]);
  return [
    ...changes,
    ...months.map((m) => ({ at: m.at, actor: m.by, action: `month.${m.action}`, subject: m.month, before: null, after: null, reason: m.reason })),
  ]
    .sort((a, b) => b.at - a.at)
    .slice(0, limit);
}
