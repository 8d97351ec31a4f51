import "server-only";
import { NextResponse } from "next/server";
import type { Caller } from "./access";
import { currentCaller } from "./currentCaller";

export const apiError = (status: number, error: string) => NextResponse.json({ error }, { status, headers: { "cache-control": "no-store" } });

/** For route handlers: the caller, or the 401 to return. */
export async function apiCaller(): Promise<Caller | NextResponse> {
  return (await currentCaller()) ?? apiError(401, "sign in first");
}
