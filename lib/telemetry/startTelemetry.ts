import os from "node:os";
import * as api from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { ConsoleMetricExporter, type MetricReader, MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, BatchSpanProcessor, ConsoleSpanExporter, type SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { loadTelemetryConfig } from "../config/telemetryConfig";
import { provideOtelApi } from "./otelApi";

export type Telemetry = { flush(): Promise<void>; shutdown(): Promise<void> };

const EXPORT_EVERY_MS = 60_000;

/**
 * Starts the OpenTelemetry SDK for a long-running process (the web app, the worker) and makes it
 * the global meter and tracer provider: to Application Insights when
 * APPLICATIONINSIGHTS_CONNECTION_STRING is set (signed in with the managed identity when
 * CHARGEBACK_TELEMETRY_ENTRA is true, as the SDK allows), else to the console when
 * CHARGEBACK_TELEMETRY_CONSOLE is true, else nowhere (and the SDK is not started at all).
 * Tests pass readers and span processors of their own (in-memory exporters).
 * Loaded only by those processes: the SDK would add to every CLI command's start-up.
 */
export async function startTelemetry(
  service: "chargeback-web" | "chargeback-worker",
  options: { metricReaders?: MetricReader[]; spanProcessors?: SpanProcessor[]; env?: Record<string, string | undefined> } = {},
): Promise<Telemetry> {
  const config = loadTelemetryConfig(options.env);
  const readers = [...(options.metricReaders ?? [])];
  const processors = [...(options.spanProcessors ?? [])];
  const connectionString = config.APPLICATIONINSIGHTS_CONNECTION_STRING;
  if (connectionString) {
    const { AzureMonitorMetricExporter, AzureMonitorTraceExporter } = await import("@azure/monitor-opentelemetry-exporter");
    const credential = config.CHARGEBACK_TELEMETRY_ENTRA ? new (await import("@azure/identity")).DefaultAzureCredential() : undefined;
    readers.push(
      new PeriodicExportingMetricReader({ exporter: new AzureMonitorMetricExporter({ connectionString, credential }), exportIntervalMillis: EXPORT_EVERY_MS }),
    );
    processors.push(new BatchSpanProcessor(new AzureMonitorTraceExporter({ connectionString, credential })));
  } else if (config.CHARGEBACK_TELEMETRY_CONSOLE) {
    readers.push(new PeriodicExportingMetricReader({ exporter: new ConsoleMetricExporter(), exportIntervalMillis: EXPORT_EVERY_MS }));
    processors.push(new BatchSpanProcessor(new ConsoleSpanExporter()));
  }
  if (readers.length === 0 && processors.length === 0) return { flush: async () => undefined, shutdown: async () => undefined };

  const resource = resourceFromAttributes({ "service.name": service, "service.instance.id": `${os.hostname()}:${process.pid}` });
  const meterProvider = new MeterProvider({ resource, readers });
  const tracerProvider = new BasicTracerProvider({ resource, spanProcessors: processors });
  api.metrics.setGlobalMeterProvider(meterProvider);
  api.trace.setGlobalTracerProvider(tracerProvider);
  // The active span follows awaits: an intake request's span is a child of the server's, and a
  // log line written inside a span names its trace.
  api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  provideOtelApi(api);
  return {
    flush: async () => {
      await Promise.all([meterProvider.forceFlush(), tracerProvider.forceFlush()]);
    },
    // Flushes what is left, then hands the globals back to the no-op API (a test may start again).
    shutdown: async () => {
      await Promise.all([meterProvider.shutdown(), tracerProvider.shutdown()]);
      provideOtelApi(undefined);
      api.metrics.disable();
      api.trace.disable();
      api.context.disable();
    },
  };
}
