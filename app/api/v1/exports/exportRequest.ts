import "server-only";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { describeIssues, UserError } from "@/lib/core/errors";
import { MonthRange } from "@/lib/exports/monthRange";

/** An export's query: the route's own parameters, and the one business unit it may be limited to. */
export const exportQuery = <T extends z.ZodRawShape>(extra: T) => z.object({ ...extra, businessUnit: z.string().min(1).max(200).optional() });

/** The months an export covers (`from`..`to`), or the 400 that says what is wrong with them. */
export function exportMonths(request: NextRequest): string[] {
  const range = MonthRange.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!range.success) throw new UserError(describeIssues(range.error));
  return range.data;
}
