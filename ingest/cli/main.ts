import { Command } from "commander";
import { registerAppCommands } from "./commands/appCommands";
import { registerBudgetCommands } from "./commands/budgetCommands";
import { registerDemoCommands } from "./commands/demoCommands";
import { registerDoctorCommand } from "./commands/doctorCommand";
import { registerExportCommand } from "./commands/exportCommand";
import { registerImportCommands } from "./commands/importCommands";
import { registerIngestCommand } from "./commands/ingestCommand";
import { registerInvoiceCommands, registerTrueUpCommand } from "./commands/invoiceCommands";
import { registerCompletenessCommand } from "./commands/completenessCommand";
import { registerIngestKeyCommands } from "./commands/ingestKeyCommands";
import { registerMonthCommands } from "./commands/monthCommands";
import { registerOwnerCommands } from "./commands/ownerCommands";
import { registerPurgeCommand } from "./commands/purgeCommand";
import { registerCompactCommand } from "./commands/compactCommand";
import { registerQuarantineCommands } from "./commands/quarantineCommands";
import { registerReportCommand } from "./commands/reportCommand";
import { registerSplitCommands } from "./commands/splitCommands";
import { registerStatementCommand } from "./commands/statementCommand";
import { registerWorkerCommands } from "./commands/workerCommands";
import { EXIT_INTERNAL, failureOf } from "./exitCodes";
import { storeFailure } from "../../lib/store/storeFailure";

const program = new Command("chargeback")
  .description("Azure OpenAI chargeback: usage events in, cost per business unit out")
  .option("--db <url>", "store URL (default: $CHARGEBACK_DATABASE_URL, else file:./data/chargeback.db)")
  .showHelpAfterError("(run with --help for usage)")
  .exitOverride();

registerImportCommands(program);
registerIngestCommand(program);
registerReportCommand(program);
registerOwnerCommands(program);
registerIngestKeyCommands(program);
registerMonthCommands(program);
registerAppCommands(program);
registerQuarantineCommands(program);
registerDemoCommands(program);
registerWorkerCommands(program);
registerDoctorCommand(program);
registerPurgeCommand(program);
registerCompactCommand(program);
registerInvoiceCommands(program);
registerTrueUpCommand(program);
registerCompletenessCommand(program);
registerExportCommand(program);
registerSplitCommands(program);
registerStatementCommand(program);
registerBudgetCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  const { lines, exitCode } = failureOf(error);
  for (const line of lines) process.stderr.write(`chargeback: ${line}\n`);
  process.exitCode = exitCode;
  // A bug's stack, and the statement a store failure struck in, only when asked for: never in front of a user by default.
  if (process.env.DEBUG && (exitCode === EXIT_INTERNAL || storeFailure(error))) process.stderr.write(`${(error as Error)?.stack}\n`);
  else if (exitCode === EXIT_INTERNAL) process.stderr.write("(set DEBUG=1 for details)\n");
});
