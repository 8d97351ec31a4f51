import { isDeepStrictEqual } from "node:util";
import type { Prisma, PrismaClient } from "@prisma/client";
import type { UpsertSummary } from "../port";

/** Writes only the rows that are new or changed, all in one transaction, and says how many of each. */
export async function upsertByKey<T extends object>(
  prisma: PrismaClient,
  existing: readonly T[],
  incoming: readonly T[],
  keyOf: (row: T) => string,
  write: { create: (tx: Prisma.TransactionClient, rows: T[]) => Promise<unknown>; update: (tx: Prisma.TransactionClient, row: T) => Promise<unknown> },
  /** Runs in the same transaction when anything changed, e.g. to record the change in the audit log. */
  alsoOnChange?: (tx: Prisma.TransactionClient, changed: { created: T[]; updated: { before: T; after: T }[] }) => Promise<unknown>,
): Promise<UpsertSummary> {
  const before = new Map(existing.map((row) => [keyOf(row), row]));
  const summary: UpsertSummary = { added: 0, changed: 0, unchanged: 0 };
  const created: T[] = [];
  const updated: T[] = [];
  for (const row of new Map(incoming.map((r) => [keyOf(r), r])).values()) {
    const old = before.get(keyOf(row));
    if (old && isDeepStrictEqual({ ...old }, { ...row })) summary.unchanged++;
    else (old ? updated : created).push(row);
  }
  summary.added = created.length;
  summary.changed = updated.length;
  if (created.length + updated.length > 0) {
    await prisma.$transaction(
      async (tx) => {
        if (created.length > 0) await write.create(tx, created);
        for (const row of updated) await write.update(tx, row);
        if (alsoOnChange) await alsoOnChange(tx, { created, updated: updated.map((after) => ({ before: before.get(keyOf(after))!, after })) });
      },
      { timeout: 60_000 },
    );
  }
  return summary;
}
