import { now } from "../core/clock";
import { UserError } from "../core/errors";
import { type ChildCli, endOf } from "../ledger/childCli";
import { LedgerReader } from "../ledger/ledgerReader";
import { DELEGATED_FROM_APPS } from "../ledger/monthBuilder";
import { type CloseOutcome, type CloseRequest, closeWhenReady } from "../statements/closeWhenReady";
import type { UsageStore } from "../store/port";
import { logFor } from "../telemetry/log";

/** Closes a month as `closeWhenReady` does, in another process (the web server's: a `chargeback month close` child). */
export type MonthCloser = (month: string, request: CloseRequest) => Promise<Pick<CloseOutcome, "closed" | "alreadyClosed">>;

// On globalThis, as the month builder is (lib/ledger/monthBuilder.ts), for the same reason.
const held = globalThis as { chargebackMonthCloser?: { closer: MonthCloser; fromApps: number } };

/** Hands every later close of a catalog of `fromApps` apps or more in this process to `closer` (undefined: close in process again). */
export function delegateMonthCloses(closer: MonthCloser | undefined, { fromApps = DELEGATED_FROM_APPS }: { fromApps?: number } = {}): void {
  held.chargebackMonthCloser = closer && { closer, fromApps };
}

/**
 * Closes `month` when the checklist allows (closeWhenReady): in this process, or, in the web
 * server with a large catalog, in a child process, since a close prices the month whole (its
 * ledger: ~350 MB at 5,000 apps). Refusals are the same UserErrors either way.
 */
export async function closeMonthWhenReady(store: UsageStore, month: string, request: CloseRequest): Promise<Pick<CloseOutcome, "closed" | "alreadyClosed">> {
  const delegated = held.chargebackMonthCloser;
  if (delegated && (await new LedgerReader(store).catalog()).apps.length >= delegated.fromApps) return delegated.closer(month, request);
  return closeWhenReady(store, month, request, now());
}

/**
 * `chargeback month close` in a child process (childCli.ts): what it prints is the close; a
 * refusal (exit code 1) is its message as a UserError; any other failure is logged with the tail
 * of its stderr and told plainly.
 */
export function childMonthCloser(run: ChildCli): MonthCloser {
  return async (month, { by, actual, acceptWarnings }) => {
    const basis = actual ? ["--actual", `--unmatched=${actual === "pro-rata" ? "pro-rata" : actual.costCenter}`] : [];
    const outcome = await run(["month", "close", month, `--by=${by}`, ...(acceptWarnings ? ["--accept-warnings"] : []), ...basis]);
    if (outcome.code === 0) {
      const { alreadyClosed, warnings: _, ...closed } = JSON.parse(outcome.stdout) as CloseOutcome["closed"] & { alreadyClosed: boolean; warnings: unknown };
      return { closed, alreadyClosed };
    }
    const said = outcome.stderr.split("\n").filter((l) => l.startsWith("chargeback: "));
    if (outcome.code === 1 && said.length > 0) throw new UserError(said.map((l) => l.slice("chargeback: ".length)).join("\n"));
    const { code, signal, stderr } = outcome;
    logFor("web").error({ event: "close.childFailed", month, code, signal, stderr }, `closing ${month} in a child process failed: ${endOf(outcome)}`);
    throw new Error(`closing ${month} failed (${endOf(outcome)}); see the server log`);
  };
}
