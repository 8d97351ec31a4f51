import { z } from "zod";
import { UserErrors } from "../core/errors";

const blankIsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);

/** Logs, metrics and traces of the long-running processes (web app, worker). */
export const TelemetryConfig = z.object({
  CHARGEBACK_LOG_LEVEL: z.preprocess(
    blankIsUnset,
    z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "must be fatal, error, warn, info, debug, trace or silent" })
      .default("info"),
  ),
  // auto: one JSON object a line, or short readable lines when stderr is a terminal.
  CHARGEBACK_LOG_FORMAT: z.preprocess(blankIsUnset, z.enum(["auto", "json", "pretty"], { error: "must be auto, json or pretty" }).default("auto")),
  // Set by Azure Container Apps / App Service for Application Insights: metrics and traces go there.
  APPLICATIONINSIGHTS_CONNECTION_STRING: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/(^|;)\s*(InstrumentationKey|IngestionEndpoint)=/i, "must be an Application Insights connection string (InstrumentationKey=…;IngestionEndpoint=…)")
      .optional(),
  ),
  // Sign the exporter in with the managed identity (the resource then needs local authentication off
  // and the identity Monitoring Metrics Publisher on it); the connection string still names where.
  CHARGEBACK_TELEMETRY_ENTRA: z
    .preprocess(blankIsUnset, z.enum(["true", "false"], { error: "must be true or false" }).default("false"))
    .transform((v) => v === "true"),
  // Without Application Insights: print metrics and spans on stderr now and then (local runs), or nothing.
  CHARGEBACK_TELEMETRY_CONSOLE: z
    .preprocess(blankIsUnset, z.enum(["true", "false"], { error: "must be true or false" }).default("false"))
    .transform((v) => v === "true"),
});
export type TelemetryConfig = z.infer<typeof TelemetryConfig>;

export function loadTelemetryConfig(env: Record<string, string | undefined> = process.env): TelemetryConfig {
  const result = TelemetryConfig.safeParse(env);
  if (result.success) return result.data;
  throw new UserErrors(result.error.issues.map((i) => `${i.path.join(".")} ${i.message}`));
}
