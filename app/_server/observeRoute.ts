import "server-only";
import type { NextRequest } from "next/server";
import { observeRequest } from "@/lib/telemetry/observeRequest";

/** A route handler logged, timed and traced as lib/telemetry/observeRequest.ts says, answering with its `x-request-id`. */
export function observeRoute<C>(route: string, handler: (request: NextRequest, context: C) => Promise<Response>) {
  return (request: NextRequest, context: C): Promise<Response> =>
    observeRequest(route, request.method, request.headers.get("x-request-id"), async (requestId) => {
      const response = await handler(request, context);
      response.headers.set("x-request-id", requestId);
      return response;
    });
}
