import type { PrismaClient } from "@prisma/client";
import { now } from "../../core/clock";
import type { AuditContext, QuarantineOutcome, QuarantineStatus } from "../port";
import { quarantineAuditChange } from "../quarantineAudit";
import { recordAudit } from "./recordAudit";

/** Sets a quarantined line's outcome and, with `audit`, records the change in the same transaction. */
export async function saveQuarantineOutcome(prisma: PrismaClient, id: string, outcome: QuarantineOutcome, audit?: AuditContext): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const before = await tx.quarantinedEvent.findUniqueOrThrow({ where: { id }, select: { id: true, source: true, status: true, reason: true } });
    await tx.quarantinedEvent.update({
      where: { id },
      data:
        outcome.status === "open"
          ? { status: "open", reason: outcome.reason }
          : // A discarded line is settled as a replayed one is: replayedAt says when.
            { status: outcome.status, replayedAt: BigInt(now()) },
    });
    if (audit) await recordAudit(tx, audit, [quarantineAuditChange({ ...before, status: before.status as QuarantineStatus }, outcome)]);
  });
}
