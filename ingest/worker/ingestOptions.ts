import type { DiagnosticOptions } from "../../lib/events/azureMonitor/joinDiagnosticLines";
import type { OnUnterminated } from "./sources/ndjsonLines";

/** How an NDJSON source is read: lines a batch, what to do with an unfinished last line, how diagnostic records join. */
export type IngestOptions = { batchSize?: number; onUnterminated?: OnUnterminated; diagnostics?: DiagnosticOptions };
