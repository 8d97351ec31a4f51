import type { Command } from "commander";
import { z } from "zod";
import { ingestNdjsonFile } from "../../worker/ingestNdjson";
import { assertReadable, printJson, withStore } from "../context";
import { parseOptions } from "../parseOptions";

const IngestOptions = z.object({
  appIdHeader: z
    .string()
    .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, "must be an HTTP header name")
    .optional(),
  joinWindowSeconds: z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").positive("must be above 0"),
});

export function registerIngestCommand(program: Command): void {
  program
    .command("ingest")
    .description("run NDJSON usage events (or API Management's diagnostic records) through the ingest pipeline")
    .argument("<file>", 'NDJSON file, or "-" for standard input')
    .option(
      "--app-id-header <name>",
      "diagnostic records: the logged request header that names the caller's app (default: the APIM subscription is the caller)",
    )
    .option("--join-window-seconds <seconds>", "diagnostic records: how long a call's first record waits for the other (record time)", "300")
    .action(async (file: string, raw: unknown, command: Command) => {
      const { appIdHeader, joinWindowSeconds } = parseOptions(IngestOptions, raw);
      assertReadable(file);
      const onUnterminated = (source: string) =>
        process.stderr.write(`chargeback: warning: ${source} has no newline and is not complete JSON yet; left for the next run\n`);
      const diagnostics = { appIdHeader: appIdHeader ?? null, windowMs: joinWindowSeconds * 1000 };
      const summary = await withStore(command, (store) => ingestNdjsonFile(store, file, { onUnterminated, diagnostics }));
      printJson(summary);
    });
}
