import pino, { type DestinationStream, type Logger } from "pino";
import { loadTelemetryConfig } from "../config/telemetryConfig";
import { redactPaths } from "./neverLogged";
import { prettyLine } from "./prettyLine";
import { activeSpan } from "./spans";

export type Log = Logger;
export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

/**
 * A JSON logger: one object a line with `level`, `time`, `component`, an `event` name (see
 * docs/operations.md) and the correlation of what it is about (request id, partition and sequence
 * numbers, batch id). Times are the machine's: a log line says when it was written, whatever
 * CHARGEBACK_NOW pins the product's calendar to.
 */
export function createLog(options: { level?: LogLevel; pretty?: boolean; stream?: DestinationStream } = {}): Log {
  const stream =
    options.stream ?? (options.pretty ? { write: (line: string) => void process.stderr.write(prettyLine(line)) } : pino.destination({ fd: 2, sync: true }));
  return pino(
    {
      name: "chargeback",
      level: options.level ?? "info",
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactPaths(), remove: true },
      // Inside a traced batch or request, the line names its trace (tracing off: nothing is added).
      mixin: () => {
        const span = activeSpan();
        return span?.isRecording() ? { traceId: span.spanContext().traceId, spanId: span.spanContext().spanId } : {};
      },
      // A stack trace can carry values from the failing call; the message says what failed.
      serializers: { err: (e: Error) => ({ type: e?.name, message: String(e?.message ?? e).slice(0, 500) }) },
    },
    stream,
  );
}

let shared: Log | undefined;

/** The process's logger, as configured (CHARGEBACK_LOG_LEVEL, CHARGEBACK_LOG_FORMAT), for one component. */
export function logFor(component: string, bindings: Record<string, unknown> = {}): Log {
  if (!shared) {
    const config = loadTelemetryConfig();
    const pretty = config.CHARGEBACK_LOG_FORMAT === "pretty" || (config.CHARGEBACK_LOG_FORMAT === "auto" && process.stderr.isTTY === true);
    shared = createLog({ level: config.CHARGEBACK_LOG_LEVEL, pretty });
  }
  return shared.child({ component, ...bindings });
}

/** An error as a log field: its message only (see the serializer above). */
export const errorField = (error: unknown) => ({ err: error instanceof Error ? error : new Error(String(error)) });
