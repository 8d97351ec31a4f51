import { now } from "../core/clock";
/** One admin change, as recorded. `before`/`after` are JSON (null when created / removed). */
export type AuditEntry = { at: number; actor: string; action: string; subject: string; before: unknown; after: unknown; reason: string };

export const auditEntry = (actor: string, action: string, subject: string, before: unknown, after: unknown, reason = "", at = now()): AuditEntry => ({
  at,
  actor,
  action,
  subject,
  before: before ?? null,
  after: after ?? null,
  reason,
});
