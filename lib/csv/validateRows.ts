import type { z } from "zod";
import { describe, UserError } from "../core/errors";
import type { CsvRow } from "./readCsv";

/** Validates every row and reports all problems at once, each with its line number. */
export function validateRows<T>(rows: readonly CsvRow[], schema: z.ZodType<T>, file: string, columnOf: Record<string, string> = {}): T[] {
  const errors: string[] = [];
  const valid: T[] = [];
  for (const row of rows) {
    const result = schema.safeParse(row.values);
    if (result.success) valid.push(result.data);
    else {
      const problems = result.error.issues.map((i) => {
        const field = i.path.map(String).join(".");
        return field === "" ? i.message : `${columnOf[field] ?? field} ${i.message}`;
      });
      errors.push(`${file}:${row.line}: ${problems.join("; ")}`);
    }
  }
  if (errors.length > 0) throw new UserError(describe(errors, "invalid row"));
  return valid;
}
