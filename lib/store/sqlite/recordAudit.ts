import { now } from "../../core/clock";
import type { Prisma } from "@prisma/client";
import type { AuditContext } from "../port";

/** Writes one audit entry per changed thing: [subject, before, after]. */
export async function recordAudit(tx: Prisma.TransactionClient, audit: AuditContext, changes: readonly (readonly [string, unknown, unknown])[]): Promise<void> {
  const at = BigInt(audit.at ?? now());
  await tx.auditEntry.createMany({
    data: changes.map(([subject, before, after]) => ({
      at,
      actor: audit.actor,
      action: audit.action,
      subject,
      before: JSON.stringify(before ?? null),
      after: JSON.stringify(after ?? null),
      reason: audit.reason,
    })),
  });
}
