import { UserError } from "../core/errors";
import { now as clockNow } from "../core/clock";
import { LedgerReader } from "../ledger/ledgerReader";
import type { Unmatched } from "../reconciliation/getTrueUp";
import type { UsageStore } from "../store/port";
import { type CloseChecklist, getCloseChecklist } from "./closeChecklist";
import { closeMonth } from "./closeMonth";
import type { ClosedMonth } from "./statementLine";

export type CloseRequest = { by: string; actual?: Unmatched; acceptWarnings?: boolean };
/** `alreadyClosed`: the month was closed before this request (a double submit, a retry): nothing changed. */
export type CloseOutcome = { closed: ClosedMonth; alreadyClosed: boolean; checklist: CloseChecklist | null };

/**
 * Closes `month` as finance asks from the web, the API or the CLI: the close checklist decides.
 * A block refuses the close; warnings refuse it until they are accepted. Asking again for a month
 * already closed is answered with that close, so a double submit or a retried request is harmless.
 */
export async function closeWhenReady(store: UsageStore, month: string, request: CloseRequest, now = clockNow()): Promise<CloseOutcome> {
  const existing = await store.getClosedMonth(month);
  if (existing) return { closed: existing, alreadyClosed: true, checklist: null };
  const reader = new LedgerReader(store);
  const checklist = await getCloseChecklist(reader, store, month, now);
  const blocks = checklist.checks.filter((c) => c.status === "block");
  // A month still running is refused for that alone: nothing else can be done about it yet.
  const running = blocks.find((b) => b.id === "ended");
  if (running) throw new UserError(`${month} has not ended yet: ${running.detail}`);
  if (blocks.length > 0) throw new UserError(`${month} cannot be closed: ${blocks.map((b) => b.detail).join("; ")}`);
  const warnings = checklist.checks.filter((c) => c.status === "warn");
  if (warnings.length > 0 && !request.acceptWarnings)
    throw new UserError(
      `${month} has ${warnings.length} warning${warnings.length === 1 ? "" : "s"} to accept before it closes: ${warnings.map((w) => `${w.label.toLowerCase()}: ${w.figure}`).join("; ")}`,
    );
  try {
    return { closed: await closeMonth(store, month, request.by, now, { actual: request.actual, reader }), alreadyClosed: false, checklist };
  } catch (error) {
    // Two submits at once: the other one closed it, and this one changes nothing.
    const winner = await store.getClosedMonth(month);
    if (winner) return { closed: winner, alreadyClosed: true, checklist };
    throw error;
  }
}
