import { type DiagnosticOptions, DiagnosticLines } from "../../../lib/events/azureMonitor/joinDiagnosticLines";
import type { SourceLine } from "../../../lib/events/processUsageBatch";

/**
 * A file's batches with API Management's diagnostic records joined into calls (other lines as they
 * are). A file is read whole: at its end every call still waiting comes out, a token record without
 * its gateway record charged to the unknown caller.
 */
export async function* withDiagnosticsJoined(batches: AsyncIterable<SourceLine[]>, options: DiagnosticOptions = {}): AsyncGenerator<SourceLine[]> {
  const diagnostics = new DiagnosticLines<null>(options);
  const nowhere = () => null;
  for await (const batch of batches) {
    const { lines } = diagnostics.feed(batch, nowhere);
    if (lines.length > 0) yield lines;
  }
  const { lines: rest } = diagnostics.feed([], nowhere, true);
  if (rest.length > 0) yield rest;
}
