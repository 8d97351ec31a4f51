import { z } from "zod";

/**
 * What someone decided about a flagged day: `dismissed` (noise, hide it) or `expected` (a known
 * cause, e.g. a launch; keep it visible but no longer alert). `anomaly` is its key (anomalyKey).
 */
export const AnomalyDecision = z.object({
  anomaly: z.string().min(1),
  decision: z.enum(["dismissed", "expected"], { error: "must be dismissed or expected" }),
  note: z.string().trim().max(500, "is longer than 500 characters"),
});
export type AnomalyDecision = z.infer<typeof AnomalyDecision>;
