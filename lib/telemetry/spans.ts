import type { Attributes, Span } from "@opentelemetry/api";
import { otelApi } from "./otelApi";

/** What `work` gets while telemetry is off: records nothing, costs nothing. */
const NO_SPAN: Span = {
  spanContext: () => ({ traceId: "00000000000000000000000000000000", spanId: "0000000000000000", traceFlags: 0 }),
  setAttribute: () => NO_SPAN,
  setAttributes: () => NO_SPAN,
  addEvent: () => NO_SPAN,
  addLink: () => NO_SPAN,
  addLinks: () => NO_SPAN,
  setStatus: () => NO_SPAN,
  updateName: () => NO_SPAN,
  end: () => undefined,
  isRecording: () => false,
  recordException: () => undefined,
};

/**
 * Runs `work` in a span of its own (a worker batch, an intake request): ended when `work`
 * settles, marked as an error when it throws. Attributes are positions, counts and ids, never an
 * end user or a tag value.
 */
export async function inSpan<T>(name: string, attributes: Attributes, work: (span: Span) => Promise<T>): Promise<T> {
  const api = otelApi();
  if (!api) return work(NO_SPAN);
  return api.trace.getTracer("chargeback").startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.setStatus({ code: api.SpanStatusCode.ERROR, message: (error as Error).message?.slice(0, 200) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Marks a span as failed (a no-op while telemetry is off). */
export function markFailed(span: Span, message: string): void {
  const api = otelApi();
  if (api) span.setStatus({ code: api.SpanStatusCode.ERROR, message });
}

/** The span a log line is written in, if tracing is on. */
export const activeSpan = (): Span | undefined => otelApi()?.trace.getActiveSpan();
