import type { z } from "zod";
import { firstIssue, UserError } from "@/lib/core/errors";

/** Validates a command's options with its schema; the first problem becomes the error message. */
export function parseOptions<T>(schema: z.ZodType<T>, raw: unknown): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = firstIssue(result.error);
  // Named as typed: --max-batch-size, not the parsed key maxBatchSize.
  const flag = issue.path.join(".").replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  throw new UserError(`--${flag}: ${issue.message}`);
}
