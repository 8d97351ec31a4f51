import "server-only";
import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { recordHttpRequest } from "@/lib/telemetry/instruments";
import { errorField, logFor } from "@/lib/telemetry/log";
import { inSpan } from "@/lib/telemetry/spans";

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * A route handler in a span of its own that records its latency and status
 * (`http.server.request.duration`), logs one line per request (`http.request`: route, method,
 * status, duration, request id, and the trace while tracing) and answers with its `x-request-id`:
 * the caller's own if it sent a sane one (API Management sends one), else a new one. No header,
 * query or body value is logged.
 */
export function observeRoute<C>(route: string, handler: (request: NextRequest, context: C) => Promise<Response>) {
  return async (request: NextRequest, context: C): Promise<Response> => {
    const started = performance.now();
    const sent = request.headers.get("x-request-id");
    const requestId = sent && REQUEST_ID.test(sent) ? sent : randomUUID();
    const log = logFor("web", { route, requestId });
    const attributes = { "http.route": route, "http.request.method": request.method, "chargeback.request_id": requestId };
    return inSpan(`${request.method} ${route}`, attributes, async (span) => {
      let status = 500;
      try {
        const response = await handler(request, context);
        status = response.status;
        span.setAttribute("http.response.status_code", status);
        response.headers.set("x-request-id", requestId);
        return response;
      } catch (error) {
        log.error({ event: "http.failed", method: request.method, ...errorField(error) }, `${request.method} ${route} failed`);
        throw error;
      } finally {
        const durationMs = Math.round(performance.now() - started);
        recordHttpRequest(route, request.method, status, durationMs);
        log[status >= 500 ? "error" : "info"]({ event: "http.request", method: request.method, status, durationMs }, `${request.method} ${route} ${status}`);
      }
    });
  };
}
