import { Option, type Command } from "commander";
import { replayQuarantine } from "@/lib/events/replayQuarantine";
import { loadPricer } from "@/lib/pricing/loadPricer";
import type { QuarantinedEvent } from "@/lib/store/port";
import { discardQuarantined } from "@/lib/events/discardQuarantined";
import { cliAudit, printJson, withStore } from "../context";
import { printable } from "../terminalText";

export function registerQuarantineCommands(program: Command): void {
  const quarantine = program.command("quarantine").description("events that failed validation, kept with their reason");

  quarantine
    .command("list")
    .description("list quarantined events and why they failed")
    .addOption(new Option("--status <status>", "which events").choices(["open", "replayed", "discarded", "all"]).default("open"))
    .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
    .action(async (opts: { status: "open" | "replayed" | "discarded" | "all"; format: string }, command: Command) => {
      const events = await withStore(command, (store) => store.listQuarantined(opts.status), { mustExist: true });
      if (opts.format === "json") printJson(events);
      else process.stdout.write(toTable(events));
    });

  quarantine
    .command("replay")
    .description("run open quarantined events through the pipeline again")
    .argument("[ids...]", "quarantine ids (default: all open)")
    .action(async (ids: string[], _opts, command: Command) => {
      printJson(await withStore(command, async (store) => replayQuarantine(store, await loadPricer(store), ids), { mustExist: true }));
    });

  quarantine
    .command("discard")
    .description("let open quarantined events go: never counted, kept as discarded, audited")
    .argument("<ids...>", "quarantine ids")
    .requiredOption("--reason <text>", "why they are let go (audited)")
    .action(async (ids: string[], opts: { reason: string }, command: Command) => {
      const discarded = await withStore(command, (store) => discardQuarantined(store, ids, cliAudit("quarantine.discard", opts.reason)), { mustExist: true });
      printJson({ discarded });
    });
}

function toTable(events: QuarantinedEvent[]): string {
  if (events.length === 0) return "no quarantined events\n";
  const lines = events.map((e) => {
    const raw = e.raw.length > 80 ? `${e.raw.slice(0, 77)}...` : e.raw;
    // Quarantined lines are whatever a sender wrote: nothing in them may drive the terminal.
    return `${[e.id, e.status, e.source, e.reason].map(printable).join("\t")}\n\t${printable(raw)}`;
  });
  return `${lines.join("\n")}\n${events.length} event${events.length === 1 ? "" : "s"}\n`;
}
