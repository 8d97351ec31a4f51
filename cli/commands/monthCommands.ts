import { now } from "@/lib/core/clock";
import os from "node:os";
import type { Command } from "commander";
import { z } from "zod";
import { Month } from "@/lib/core/months";
import { closeMonth, reopenMonth } from "@/lib/statements/closeMonth";
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
    .action(async (raw: string, opts: { by: string; actual: boolean; unmatched: string }, command: Command) => {
      const {
        month: m,
        by,
        actual,
        unmatched,
      } = parseOptions(z.object({ month: Month, by: By, actual: z.boolean(), unmatched: z.string().trim().min(1, "name a cost center, or pro-rata") }), {
        month: raw,
        ...opts,
      });
      const basis = actual ? { actual: unmatched === "pro-rata" ? ("pro-rata" as const) : { costCenter: unmatched } } : {};
      printJson(await withStore(command, (store) => closeMonth(store, m, by, now(), basis), { mustExist: true }));
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
    .command("log")
    .description("who closed and reopened which month, when and why (JSON lines)")
    .action(async (_opts, command: Command) => {
      for (const entry of await withStore(command, (store) => store.listMonthLog(), { mustExist: true })) {
        printJson({ ...entry, at: new Date(entry.at).toISOString() });
      }
    });
}
