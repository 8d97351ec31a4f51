import { randomUUID } from "node:crypto";
import { recordHttpRequest } from "./instruments";
import { errorField, logFor } from "./log";
import { inSpan } from "./spans";

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * Handles one request in a span of its own that records its latency and status
 * (`http.server.request.duration`), logs one line per request (`http.request`: route, method,
 * status, duration, request id, and the trace while tracing). `handle` gets the request id to
 * answer with (`x-request-id`): the caller's own if it sent a sane one (API Management sends one),
 * else a new one. No header, query or body value is logged. Shared by the Next.js routes
 * (app/_server/observeRoute.ts) and the intake's own listener (ingest/http/intakeListener.ts).
 */
export async function observeRequest<R extends { status: number }>(
  route: string,
  method: string,
  sentRequestId: string | null,
  handle: (requestId: string) => Promise<R>,
): Promise<R> {
  const started = performance.now();
  const requestId = sentRequestId && REQUEST_ID.test(sentRequestId) ? sentRequestId : randomUUID();
  const log = logFor("web", { route, requestId });
  const attributes = { "http.route": route, "http.request.method": method, "chargeback.request_id": requestId };
  return inSpan(`${method} ${route}`, attributes, async (span) => {
    let status = 500;
    try {
      const response = await handle(requestId);
      status = response.status;
      span.setAttribute("http.response.status_code", status);
      return response;
    } catch (error) {
      log.error({ event: "http.failed", method, ...errorField(error) }, `${method} ${route} failed`);
      throw error;
    } finally {
      const durationMs = Math.round(performance.now() - started);
      recordHttpRequest(route, method, status, durationMs);
      log[status >= 500 ? "error" : "info"]({ event: "http.request", method, status, durationMs }, `${method} ${route} ${status}`);
    }
  });
}
