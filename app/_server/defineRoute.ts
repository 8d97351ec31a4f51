import "server-only";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { type Action, type Caller, may } from "@/lib/auth/access";
import { describeIssues, Forbidden, UserError, Unauthenticated } from "@/lib/core/errors";
import type { ReportScope } from "@/lib/reports/reportScope";
import { scopeFor } from "./apiAccess";
import { currentCaller } from "./currentCaller";
import { responseForError } from "./errorResponse";
import { observeRoute } from "./observeRoute";

/**
 * Who may call a route: anyone (no session is even looked up: a health probe must not touch the
 * store), any signed-in caller, or a caller whose roles allow `may` (else 403 with `refused`).
 */
export type RouteAccess = "anyone" | "signed-in" | { may: Action; refused: string };

type CallerOf<A extends RouteAccess> = A extends "anyone" ? null : Caller;

export type RouteContext<A extends RouteAccess, Q, B, P> = {
  request: NextRequest;
  caller: CallerOf<A>;
  /** The query parameters, checked against the route's schema. */
  query: Q;
  /** The JSON body, checked against the route's schema. */
  body: B;
  params: P;
  /** What the caller may see: the business unit the query names (403 when not theirs), else all they may see. */
  scope: CallerOf<A> extends null ? null : ReportScope;
};

export type RouteSpec<A extends RouteAccess, Q, B, P> = {
  access: A;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** The path's dynamic segments (`[appId]`), as Next.js gives them (still URL-encoded). */
  params?: z.ZodType<P>;
  /** Log, time and trace each request under this route name (`observeRoute`). */
  observe?: string;
  handle: (context: RouteContext<A, Q, B, P>) => Promise<Response> | Response;
};

type NextContext = { params: Promise<unknown> };

/**
 * Every route handler of the API: it resolves the caller, checks the role and the business unit
 * asked for, parses the query and body into clear messages, and turns a thrown error into its
 * status and `{ error, code }` body (app/_server/errorResponse.ts). A bug is thrown on, a 500.
 */
export function defineRoute<A extends RouteAccess, Q = undefined, B = undefined, P = undefined>(spec: RouteSpec<A, Q, B, P>) {
  const handler = async (request: NextRequest, next?: NextContext): Promise<Response> => {
    try {
      return await spec.handle(await contextOf(spec, request, next));
    } catch (error) {
      const answer = responseForError(error);
      if (answer) return answer;
      throw error;
    }
  };
  return spec.observe ? observeRoute(spec.observe, handler) : handler;
}

async function contextOf<A extends RouteAccess, Q, B, P>(
  spec: RouteSpec<A, Q, B, P>,
  request: NextRequest,
  next: NextContext | undefined,
): Promise<RouteContext<A, Q, B, P>> {
  const caller = spec.access === "anyone" ? null : await currentCaller();
  if (spec.access !== "anyone") {
    if (!caller) throw new Unauthenticated("sign in first");
    if (typeof spec.access === "object" && !may(caller, spec.access.may)) throw new Forbidden(spec.access.refused);
  }
  const query = spec.query ? parsed(spec.query, Object.fromEntries(request.nextUrl.searchParams)) : (undefined as Q);
  const body = spec.body ? parsed(spec.body, await jsonBody(request)) : (undefined as B);
  const params = spec.params ? parsed(spec.params, await next?.params) : (undefined as P);
  const scope = caller ? scopeFor(caller, businessUnitOf(query)) : null;
  return { request, caller, query, body, params, scope } as RouteContext<A, Q, B, P>;
}

function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new UserError(describeIssues(result.error));
  return result.data;
}

async function jsonBody(request: NextRequest): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new UserError("the body is not JSON");
  }
}

const businessUnitOf = (query: unknown): string | undefined => {
  const unit = (query as { businessUnit?: unknown } | undefined)?.businessUnit;
  return typeof unit === "string" ? unit : undefined;
};
