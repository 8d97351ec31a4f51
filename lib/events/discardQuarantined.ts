import { UserError } from "../core/errors";
import type { AuditContext, UsageStore } from "../store/port";

/**
 * Lets open quarantined lines go: they are never counted, and stay listed (status "discarded")
 * until retention purges them, so what was let go and by whom can still be read.
 */
export async function discardQuarantined(
  store: Pick<UsageStore, "listQuarantined" | "saveQuarantineOutcome">,
  ids: readonly string[],
  audit: AuditContext,
): Promise<number> {
  const open = await store.listQuarantined("open");
  const unknown = ids.filter((id) => !open.some((q) => q.id === id));
  if (ids.length === 0 || unknown.length > 0) throw new UserError(`not an open quarantined event: ${unknown.join(", ") || "(none named)"}`);
  for (const id of ids) await store.saveQuarantineOutcome(id, { status: "discarded" }, audit);
  return ids.length;
}
