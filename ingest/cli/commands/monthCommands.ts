import { now } from "@/lib/core/clock";
import os from "node:os";
import type { Command } from "commander";
import { z } from "zod";
import { Month } from "@/lib/core/months";
import { reopenMonth } from "@/lib/statements/closeMonth";
import { closeWhenReady } from "@/lib/statements/closeWhenReady";
import { getCloseChecklist } from "@/lib/statements/closeChecklist";
import { LedgerReader } from "@/lib/ledger/ledgerReader";
import { monthsWithUsage } from "@/lib/reports/refreshFigures";
import { refreshMonthFigures } from "@/lib/budgets/refreshBudgetFigures";
import { printJson, withStore } from "../context";
import { parseOptions } from "../parseOptions";

const By = z.string().trim().min(1).max(200);

export function registerMonthCommands(program: Command): void {
  const month = program.command("month").description("close and reopen months: a closed month's statement never changes");
  month
    .command("close")
    .description("freeze a finished month's statement; later fixes to it are booked in the next open month")
    .argument("<month>", "YYYY-MM (UTC)")
    .option("--by <name>", "who closes it, for the month log", os.userInfo().username)
    .option("--actual", "close on actual cost: true-up lines bring every app to its share of the imported invoice", false)
    .option("--unmatched <cost center|pro-rata>", "with --actual: who carries invoiced cost no usage was charged on", "pro-rata")
    .option("--accept-warnings", "close although the checklist warns (see month checklist); blocks always refuse", false)
    .action(async (raw: string, opts: { by: string; actual: boolean; unmatched: string; acceptWarnings: boolean }, command: Command) => {
      const {
        month: m,
        by,
        actual,
        unmatched,
        acceptWarnings,
      } = parseOptions(
        z.object({
          month: Month,
          by: By,
          actual: z.boolean(),
          unmatched: z.string().trim().min(1, "name a cost center, or pro-rata"),
          acceptWarnings: z.boolean(),
        }),
        { month: raw, ...opts },
      );
      const basis = actual ? { actual: unmatched === "pro-rata" ? ("pro-rata" as const) : { costCenter: unmatched } } : {};
      const outcome = await withStore(command, (store) => closeWhenReady(store, m, { by, acceptWarnings, ...basis }, now()), { mustExist: true });
      const warnings = outcome.checklist?.checks.filter((c) => c.status === "warn").map(({ id, figure, detail }) => ({ id, figure, detail })) ?? [];
      printJson({ ...outcome.closed, alreadyClosed: outcome.alreadyClosed, warnings });
    });
  month
    .command("checklist")
    .description("whether a month is ready to close: each check pass, warn or block, with the totals a close would freeze")
    .argument("<month>", "YYYY-MM (UTC)")
    .action(async (raw: string, _opts, command: Command) => {
      const { month: m } = parseOptions(z.object({ month: Month }), { month: raw });
      printJson(await withStore(command, (store) => getCloseChecklist(new LedgerReader(store), store, m, now()), { mustExist: true }));
    });
  month
    .command("reopen")
    .description("unfreeze the latest closed month")
    .argument("<month>", "YYYY-MM (UTC)")
    .requiredOption("--reason <text>", "why, for the month log")
    .option("--by <name>", "who reopens it, for the month log", os.userInfo().username)
    .action(async (raw: string, opts: { by: string; reason: string }, command: Command) => {
      const { month: m, by, reason } = parseOptions(z.object({ month: Month, by: By, reason: z.string() }), { month: raw, ...opts });
      await withStore(command, (store) => reopenMonth(store, m, by, reason), { mustExist: true });
      printJson({ month: m, reopened: true });
    });
  month
    .command("refresh")
    .description("build the stale materialized figures of these months (default: every month with usage), so pages only read them")
    .argument("[months...]", "YYYY-MM (UTC)")
    .action(async (raw: string[], _opts, command: Command) => {
      const { months } = parseOptions(z.object({ months: z.array(Month) }), { months: raw });
      const refreshed = await withStore(command, async (store) => refreshMonthFigures(store, months.length > 0 ? months : await monthsWithUsage(store)), {
        mustExist: true,
      });
      for (const r of refreshed) printJson(r);
    });
  month
    .command("log")
    .description("who closed and reopened which month, when and why (JSON lines)")
    .action(async (_opts, command: Command) => {
      for (const entry of await withStore(command, (store) => store.listMonthLog(), { mustExist: true })) {
        printJson({ ...entry, at: new Date(entry.at).toISOString() });
      }
    });
}
