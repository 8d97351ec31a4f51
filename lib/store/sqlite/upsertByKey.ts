import { isDeepStrictEqual } from "node:util";
import type { Prisma, PrismaClient } from "@prisma/client";
import { type Audited, type Changes, planUpsert } from "../audited";
import type { AuditContext, UpsertSummary } from "../port";
import { recordAudit } from "./recordAudit";

type Writes<T> = { create: (tx: Prisma.TransactionClient, rows: T[]) => Promise<unknown>; update: (tx: Prisma.TransactionClient, row: T) => Promise<unknown> };

/** Writes only the rows that are new or changed, all in one transaction, and says how many of each. */
export async function upsertByKey<T extends object>(
  prisma: PrismaClient,
  existing: readonly T[],
  incoming: readonly T[],
  keyOf: (row: T) => string,
  write: Writes<T>,
  /** Runs in the same transaction when anything changed, e.g. to record the change in the audit log. */
  alsoOnChange?: (tx: Prisma.TransactionClient, changed: Changes<T>) => Promise<unknown>,
): Promise<UpsertSummary> {
  const changes = planUpsert(existing, incoming, keyOf, (old, row) => isDeepStrictEqual({ ...old }, { ...row }));
  const { created, updated, unchanged } = changes;
  if (created.length + updated.length > 0) {
    await prisma.$transaction(
      async (tx) => {
        if (created.length > 0) await write.create(tx, created);
        for (const { after } of updated) await write.update(tx, after);
        if (alsoOnChange) await alsoOnChange(tx, changes);
      },
      { timeout: 60_000 },
    );
  }
  return { added: created.length, changed: updated.length, unchanged };
}

/** An audited entity's upsert: with `audit`, each change is recorded in the same transaction. */
export const saveAudited = <T extends object>(
  prisma: PrismaClient,
  entity: Audited<T>,
  existing: readonly T[],
  incoming: readonly T[],
  write: Writes<T>,
  audit?: AuditContext,
): Promise<UpsertSummary> =>
  upsertByKey(prisma, existing, incoming, entity.keyOf, write, audit && ((tx, changes) => recordAudit(tx, audit, entity.entries(changes))));
