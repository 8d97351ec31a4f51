import type { Command } from "commander";
import { ingestNdjsonFile } from "../../ingestNdjson";
import { assertReadable, printJson, withStore } from "../context";

export function registerIngestCommand(program: Command): void {
  program
    .command("ingest")
    .description("run NDJSON usage events through the ingest pipeline")
    .argument("<file>", 'NDJSON file, or "-" for standard input')
    .action(async (file: string, _opts, command: Command) => {
      assertReadable(file);
      const onUnterminated = (source: string) =>
        process.stderr.write(`chargeback: warning: ${source} has no newline and is not complete JSON yet; left for the next run\n`);
      const summary = await withStore(command, (store) => ingestNdjsonFile(store, file, { onUnterminated }));
      printJson(summary);
    });
}
