import { Command, CommanderError } from "commander";
import { storeFailure } from "../../lib/store/storeFailure";
import { UserError, UserErrors } from "../../lib/core/errors";
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
import { registerQuarantineCommands } from "./commands/quarantineCommands";
import { registerReportCommand } from "./commands/reportCommand";
import { registerSplitCommands } from "./commands/splitCommands";
import { registerWorkerCommands } from "./commands/workerCommands";

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
registerInvoiceCommands(program);
registerTrueUpCommand(program);
registerCompletenessCommand(program);
registerExportCommand(program);
registerSplitCommands(program);
registerBudgetCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    // Commander has already printed its message; help and version are not failures.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
    return;
  }
  if (error instanceof UserError) {
    // Several independent mistakes (e.g. settings) are a line each.
    for (const line of error instanceof UserErrors ? error.problems : [error.message]) process.stderr.write(`chargeback: ${line}\n`);
    process.exitCode = 1;
    return;
  }
  const failure = storeFailure(error);
  if (failure) {
    process.stderr.write(`chargeback: ${failure.message}\n`);
    process.exitCode = failure.exitCode;
    return;
  }
  process.stderr.write(`chargeback: internal error: ${(error as Error)?.message ?? error}\n`);
  if (process.env.DEBUG) process.stderr.write(`${(error as Error)?.stack}\n`);
  else process.stderr.write("(set DEBUG=1 for details)\n");
  process.exitCode = 70;
});
