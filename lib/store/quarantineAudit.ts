import type { QuarantinedEvent, QuarantineOutcome } from "./port";

/**
 * How a quarantined line's outcome reads in the audit log, written alike by both adapters: its
 * status and reason before and after. The raw line stays out: it is whatever a sender wrote.
 */
export function quarantineAuditChange(before: Pick<QuarantinedEvent, "id" | "source" | "status" | "reason">, outcome: QuarantineOutcome) {
  const after = { source: before.source, status: outcome.status, reason: outcome.status === "open" ? outcome.reason : before.reason };
  return [`quarantine ${before.id}`, { source: before.source, status: before.status, reason: before.reason }, after] as const;
}
