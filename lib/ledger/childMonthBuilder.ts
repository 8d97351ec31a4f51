import { logFor } from "../telemetry/log";
import { type ChildCli, endOf } from "./childCli";
import type { MonthBuilder } from "./monthBuilder";

/**
 * Builds a month with `chargeback month refresh <month>` in a child process (childCli.ts), which
 * stores the parts this process then reads. A child that fails rejects with a plain message; the
 * tail of its stderr is logged.
 */
export function childMonthBuilder(run: ChildCli): MonthBuilder {
  return async (month) => {
    const outcome = await run(["month", "refresh", month]);
    if (outcome.code === 0) return;
    const { code, signal, stderr } = outcome;
    logFor("web").error(
      { event: "figures.childFailed", month, code, signal, stderr },
      `building ${month}'s figures in a child process failed: ${endOf(outcome)}`,
    );
    throw new Error(`building ${month}'s figures failed (${endOf(outcome)}); see the server log`);
  };
}
