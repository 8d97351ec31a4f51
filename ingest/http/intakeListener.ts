import type { IncomingMessage, ServerResponse } from "node:http";
import { loadWebConfig } from "@/lib/config/webConfig";
import { Unavailable, UserError } from "@/lib/core/errors";
import { HTTP_STATUS } from "@/lib/core/httpStatus";
import { eventIntake, type IntakeRequest } from "@/lib/intake/receiveEvents";
import { getSharedStore } from "@/lib/store";
import { storeFailure } from "@/lib/store/storeFailure";
import { observeRequest } from "@/lib/telemetry/observeRequest";

export const INTAKE_PATH = "/api/v1/events";

type Answer = { status: number; body: unknown; headers: Record<string, string> };

/** The body as a web stream: cancelling it leaves the rest unread (the connection is then closed, not drained). */
function bodyOf(req: IncomingMessage): ReadableStream<Uint8Array> {
  const chunks = req[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value as Uint8Array);
    },
  });
}

/** A refusal's `{ error, code }` answer (as app/_server/errorResponse.ts gives it), or null for a bug. */
function refusal(error: unknown): Answer | null {
  const known = error instanceof UserError || error instanceof Unavailable ? error : storeFailure(error);
  if (!known) return null;
  const headers = known instanceof UserError ? known.headers : {};
  return { status: HTTP_STATUS[known.code], body: { error: known.message, code: known.code }, headers };
}

/**
 * POST /api/v1/events served by the web server's own Node listener (scripts/webServer.mjs), not by
 * Next.js: Next.js's request handling (routing, web streams, async hooks) costs ~4.6 ms of CPU per
 * request, more than the whole intake. The same intake (lib/intake/receiveEvents.ts), answers,
 * request log and telemetry as the Next.js route; store and configuration are the server's.
 */
export function intakeListener(): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  let receive: ReturnType<typeof eventIntake> | undefined;
  return async (req, res) => {
    const header = (name: string) => {
      const value = req.headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    };
    const request: IntakeRequest = { header, body: bodyOf(req) };
    let answer: Answer;
    try {
      answer = await observeRequest(INTAKE_PATH, "POST", header("x-request-id"), async (requestId) => {
        let result: Answer;
        try {
          receive ??= eventIntake(getSharedStore(), loadWebConfig());
          result = { status: 200, body: await receive(request), headers: {} };
        } catch (error) {
          // The sender went away mid-body (its socket reset): nobody to answer, no failure of ours.
          // Logged as nginx's 499 "client closed request".
          if (!req.complete && req.destroyed) return { status: 499, body: null, headers: {} };
          const refused = refusal(error);
          if (!refused) throw error;
          result = refused;
        }
        result.headers["x-request-id"] = requestId;
        return result;
      });
    } catch {
      // A bug: logged by observeRequest; the caller learns only that it failed.
      answer = { status: 500, body: { error: "the server failed; try again" }, headers: {} };
    }
    if (res.destroyed) return;
    // A body left unread (refused early, too large) is not drained: the connection closes after the answer.
    if (!req.complete) res.shouldKeepAlive = false;
    const json = JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      ...answer.headers,
      "content-type": "application/json",
      "content-length": Buffer.byteLength(json),
      "cache-control": "no-store",
    });
    res.end(json);
  };
}
