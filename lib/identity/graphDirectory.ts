import { now } from "../core/clock";
import { Client, type AuthenticationProvider } from "@microsoft/microsoft-graph-client";
import { z } from "zod";
import { parseRetryAfter, RetriesExhausted, Retryable, withRetry, type RetryPolicy } from "../retry/retryPolicy";
import type { DirectoryEntry } from "./directoryEntry";
import { countRetry } from "../telemetry/instruments";

export const GRAPH_BATCH_SIZE = 20; // Graph's limit of requests per $batch

const ServicePrincipal = z.object({
  appId: z.string(),
  displayName: z.string().nullable().optional(),
  servicePrincipalType: z.string().nullable().optional(),
  appOwnerOrganizationId: z.string().nullable().optional(),
  owners: z.array(z.object({ id: z.string(), displayName: z.string().nullable().optional(), userPrincipalName: z.string().nullable().optional() })).optional(),
});
const BatchResponse = z.object({
  responses: z.array(z.object({ id: z.string(), status: z.number(), headers: z.record(z.string(), z.string()).optional(), body: z.unknown().optional() })),
});

export type GraphOptions = {
  baseUrl: string;
  authProvider: AuthenticationProvider;
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  /** How long one $batch may take to answer. */
  timeoutMs?: number;
};

const DEFAULT_TIMEOUT_MS = 30_000;
/** Four rounds within ten minutes; a Retry-After over a minute is cut to one (the next sync tries again). */
const GRAPH_RETRY: RetryPolicy = { maxAttempts: 4, maxTotalMs: 600_000, firstDelayMs: 1_000, maxDelayMs: 30_000, maxRetryAfterMs: 60_000 };

/** The $batch's answer, or an error saying what went wrong: Graph's errors can have an empty message. */
async function postBatch(client: Client, requests: unknown[], timeoutMs: number): Promise<unknown> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    return await client.api("/$batch").options({ signal }).post({ requests });
  } catch (error) {
    // The client wraps the abort in an error of its own: the signal says whether time ran out.
    if (signal.aborted) throw new Error(`no answer within ${timeoutMs / 1000} s`);
    const e = error as { statusCode?: number; code?: string; message?: string };
    const status = typeof e.statusCode === "number" && e.statusCode > 0 ? `HTTP ${e.statusCode}` : "";
    throw new Error([status, e.code, e.message].filter((part) => part && part !== "-1").join(": ") || String(error));
  }
}

const SELECT = "$select=appId,displayName,servicePrincipalType,appOwnerOrganizationId&$expand=owners($select=id,displayName,userPrincipalName)";

/** Ids asked again this round: when none remain retryable the lookup is done. */
class StillPending extends Retryable {
  constructor(
    readonly ids: string[],
    retryAfterMs: number | undefined,
  ) {
    super(`${ids.length} ids throttled or failing`, retryAfterMs);
  }
}

/**
 * Looks app ids up in Microsoft Graph, 20 per $batch. Requests the batch answers with 429 or 5xx
 * are asked again, all together, after their longest Retry-After (or the policy's back-off); the
 * batch request itself is retried by the client's retry handler. Ids still failing after the last
 * attempt are left out of the result, to be tried at the next sync.
 */
export async function lookUpApps(appIds: readonly string[], options: GraphOptions): Promise<DirectoryEntry[]> {
  const client = Client.initWithMiddleware({ baseUrl: options.baseUrl, defaultVersion: "v1.0", authProvider: options.authProvider });
  const entries: DirectoryEntry[] = [];
  let pending = [...appIds];
  const round = async () => {
    const retry: string[] = [];
    let retryAfterMs: number | undefined;
    for (let i = 0; i < pending.length; i += GRAPH_BATCH_SIZE) {
      const ids = pending.slice(i, i + GRAPH_BATCH_SIZE);
      const requests = ids.map((appId, n) => ({ id: String(n), method: "GET", url: `/servicePrincipals(appId='${encodeURIComponent(appId)}')?${SELECT}` }));
      const batch = BatchResponse.parse(await postBatch(client, requests, options.timeoutMs ?? DEFAULT_TIMEOUT_MS));
      for (const response of batch.responses) {
        const appId = ids[Number(response.id)];
        if (appId === undefined) continue;
        if (response.status === 200) entries.push(found(ServicePrincipal.parse(response.body), now()));
        else if (response.status === 404) entries.push({ appId, status: "unknown", syncedAt: now() });
        else if (response.status === 429 || response.status >= 500) {
          retry.push(appId);
          const after = parseRetryAfter(Object.entries(response.headers ?? {}).find(([k]) => k.toLowerCase() === "retry-after")?.[1]);
          if (after !== undefined) retryAfterMs = Math.max(retryAfterMs ?? 0, after);
        }
        // Any other status (400, 403) is a request Chargeback cannot fix by asking again.
      }
    }
    pending = retry;
    if (retry.length > 0) throw new StillPending(retry, retryAfterMs);
  };
  try {
    await withRetry({ ...GRAPH_RETRY, maxAttempts: options.maxAttempts ?? GRAPH_RETRY.maxAttempts }, round, {
      sleep: options.sleep,
      onRetry: countRetry("graph"),
    });
  } catch (error) {
    if (!(error instanceof RetriesExhausted)) throw error;
  }
  return entries;
}

function found(sp: z.infer<typeof ServicePrincipal>, syncedAt: number): DirectoryEntry {
  return {
    appId: sp.appId,
    status: "found",
    displayName: sp.displayName ?? sp.appId,
    servicePrincipalType: sp.servicePrincipalType ?? "Application",
    appOwnerOrganizationId: sp.appOwnerOrganizationId ?? null,
    owners: (sp.owners ?? []).map((o) => ({ id: o.id, displayName: o.displayName ?? o.id, userPrincipalName: o.userPrincipalName ?? null })),
    syncedAt,
  };
}
