import { now } from "@/lib/core/clock";
import type { Command } from "commander";
import { loadConfig } from "@/lib/config/schema";
import { z } from "zod";
import { armAccess } from "@/lib/doctor/armAccess";
import { resourcesOfTemplate } from "@/lib/doctor/fromTemplate";
import type { DoctorReport } from "@/lib/doctor/resources";
import { runDoctor } from "@/lib/doctor/rules";
import { printJson, readText, withStore } from "../context";
import { EXIT_CHECK_FAILED } from "../exitCodes";
import { parseOptions } from "../parseOptions";

const DoctorOptions = z
  .object({
    template: z.string().optional(),
    subscription: z.guid({ error: "must be a subscription id (a GUID)" }).optional(),
    resourceGroup: z
      .string()
      .regex(/^[-\w._()]{1,90}$/, "must be a resource group name")
      .optional(),
    format: z.enum(["text", "json"]),
    record: z.boolean(),
  })
  .refine((o) => (o.template === undefined) !== (o.subscription === undefined && o.resourceGroup === undefined), {
    message: "give either --template <file>, or --subscription and --resource-group",
    path: ["template"],
  })
  .refine((o) => o.template !== undefined || (o.subscription !== undefined && o.resourceGroup !== undefined), {
    message: "needs both --subscription and --resource-group",
    path: ["subscription"],
  });

function printText(report: DoctorReport): void {
  const fails = report.findings.filter((f) => f.severity === "FAIL").length;
  const lines = [`${report.source}: ${report.checked.length} resources checked, ${fails} failed, ${report.findings.length - fails} warnings`];
  for (const f of report.findings) lines.push(`${f.severity} ${f.rule}  ${f.resource}`, `     why: ${f.why}`, `     fix: ${f.fix}`);
  if (report.checked.length === 0)
    lines.push("nothing to check: no Event Hubs namespace, storage account, Cosmos DB account, APIM logger or container app found");
  process.stdout.write(`${lines.join("\n")}\n`);
}

export function registerDoctorCommand(program: Command): void {
  program
    .command("doctor")
    .description(
      `check the pipeline's Azure resources (live, through Azure Resource Manager at $CHARGEBACK_ARM_URL, or an ARM template) against security rules; exit code ${EXIT_CHECK_FAILED} when any check fails`,
    )
    .option("--template <file>", "check an ARM template instead of live resources")
    .option("--subscription <id>", "the subscription of the live resources")
    .option("--resource-group <name>", "the resource group of the live resources")
    .option("--format <format>", "text or json", "text")
    .option("--record", "keep the result in the store for the admin's health page", false)
    .action(async (raw: unknown, command: Command) => {
      const opts = parseOptions(DoctorOptions, raw);
      // Loaded when used: the Resource Manager SDKs would add about a second to every command's start-up
      // (require: the bin runs the CLI as CommonJS under tsx, where import() of a .ts file fails).
      const { resourcesInAzure } = require("@/lib/doctor/fromAzure") as typeof import("@/lib/doctor/fromAzure");
      const report = opts.template
        ? runDoctor(opts.template, resourcesOfTemplate(readText(opts.template), opts.template))
        : runDoctor(
            `subscription ${opts.subscription} resource group ${opts.resourceGroup}`,
            await resourcesInAzure(await armAccess(loadConfig()), { subscriptionId: opts.subscription!, resourceGroup: opts.resourceGroup! }),
          );
      if (opts.record) await withStore(command, (store) => store.recordDoctorRun({ ...report, at: now() }));
      if (opts.format === "json") printJson(report);
      else printText(report);
      if (report.findings.some((f) => f.severity === "FAIL")) process.exitCode = EXIT_CHECK_FAILED;
    });
}
