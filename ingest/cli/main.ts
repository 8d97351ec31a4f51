import { Command, CommanderError } from "commander";
import { UserError } from "../../lib/errors";
import { registerAppCommands } from "./commands/appCommands";
import { registerDemoCommands } from "./commands/demoCommands";
import { registerDoctorCommand } from "./commands/doctorCommand";
import { registerImportCommands } from "./commands/importCommands";
import { registerIngestCommand } from "./commands/ingestCommand";
import { registerInvoiceCommands, registerTrueUpCommand } from "./commands/invoiceCommands";
import { registerCompletenessCommand } from "./commands/completenessCommand";
import { registerIngestKeyCommands } from "./commands/ingestKeyCommands";
import { registerMonthCommands } from "./commands/monthCommands";
import { registerOwnerCommands } from "./commands/ownerCommands";
import { registerQuarantineCommands } from "./commands/quarantineCommands";
import { registerReportCommand } from "./commands/reportCommand";

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
registerDoctorCommand(program);
registerInvoiceCommands(program);
registerTrueUpCommand(program);
registerCompletenessCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    // Commander has already printed its message; help and version are not failures.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
    return;
  }
  if (error instanceof UserError) {
    process.stderr.write(`chargeback: ${error.message}\n`);
    process.exitCode = 1;
    return;
  }
  process.stderr.write(`chargeback: internal error: ${(error as Error)?.message ?? error}\n`);
  if (process.env.DEBUG) process.stderr.write(`${(error as Error)?.stack}\n`);
  else process.stderr.write("(set DEBUG=1 for details)\n");
  process.exitCode = 70;
});
