import { z } from "zod";
import { CALL_TIERS } from "../pricing/callTier";

const Detail = z.number().int().nonnegative().optional();

/** The one fact every accepted event becomes, whatever shape it arrived in. */
export const UsageEvent = z.object({
  shape: z.enum(["seed-policy", "ai-hub-gateway", "chargeback/v1", "azure-monitor"]),
  requestId: z.string().nullable(),
  time: z.number().int(), // epoch milliseconds, UTC
  appId: z.string().min(1),
  deployment: z.string(), // "" when the event named none
  model: z.string(),
  operation: z.string(),
  region: z.string(),
  promptTokens: z.number().int().nonnegative(),
  cachedTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  reasoningTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
  /** chargeback/v1 only, absent when 0: parts of the totals above that are billed apart (billedTokens.ts). */
  cacheWriteTokens: Detail,
  audioInputTokens: Detail,
  audioCachedTokens: Detail,
  audioOutputTokens: Detail,
  imageInputTokens: Detail,
  imageCachedTokens: Detail,
  imageOutputTokens: Detail,
  /** chargeback/v1 only: the tier the API reported; absent means standard. */
  serviceTier: z.enum(CALL_TIERS).optional(),
  modelTimeMs: z.number().int().nonnegative().nullable(),
  status: z.number().int().nullable(),
  streamed: z.boolean().nullable(),
  subscriptionId: z.string().nullable(),
  product: z.string().nullable(),
  /** chargeback/v1 only: within the limits of eventTags.ts; absent when the event carried none. */
  tags: z.record(z.string(), z.string()).optional(),
  endUser: z.string().optional(),
  /** Why tags or the end user were dropped: recorded as ingest warnings, the event still counts. */
  warnings: z.array(z.string()).optional(),
  /** The gateway's name for an error (callOutcome.ts), e.g. content_filter, client_disconnect. */
  errorCode: z.string().optional(),
});
export type UsageEvent = z.infer<typeof UsageEvent>;

export const MAX_EVENT_BYTES = 200 * 1024;
