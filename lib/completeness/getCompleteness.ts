import { LogsQueryClient, LogsQueryResultStatus } from "@azure/monitor-query";
import { UserError } from "../core/errors";
import { monthDays } from "../core/months";
import { parseRetryAfter, RetriesExhausted, Retryable, withRetry, type RetryPolicy } from "../retry/retryPolicy";
import type { UsageStore } from "../store/port";
import type { LogsAccess } from "./logsAccess";
import { countRetry } from "../telemetry/instruments";

export type CompletenessRow = {
  day: string;
  appId: string;
  metricTokens: number;
  eventTokens: number;
  missingTokens: number;
  missingPercent: string;
  flag: "events missing" | "metric missing" | "ok";
};
export type Completeness = { month: string; workspace: string; rows: CompletenessRow[]; flagged: number };

/** An operator waits for this command: two attempts within a minute, then say what failed. */
const LOGS_RETRY: RetryPolicy = { maxAttempts: 2, maxTotalMs: 60_000, firstDelayMs: 1_000, maxDelayMs: 10_000, maxRetryAfterMs: 30_000 };

/** A throttled (429), failing (5xx) or unreached Logs API is worth asking again; a refusal (403) is not. */
function retryableLogsError(error: Error): Retryable | null {
  const e = error as Error & { statusCode?: number; response?: { headers: { get(name: string): string | undefined } } };
  if (e.statusCode === 429 || (e.statusCode ?? 0) >= 500 || (e.statusCode === undefined && e.name === "RestError"))
    return new Retryable(error.message, parseRetryAfter(e.response?.headers.get("retry-after")));
  return null;
}

/** Below this share of the metric, a day's events are missing rather than late or rounded. */
const MISSING_PERCENT = 1n;

/**
 * The gateway's own token metric (deploy/apim/token-metric-fragment.xml: `azure-openai-emit-token-metric`,
 * namespace `chargeback`, dimension appId) summed per app and UTC day in Application Insights'
 * workspace table AppMetrics.
 */
export const tokenMetricQuery = (from: string, to: string) => `AppMetrics
| where TimeGenerated >= datetime(${from}) and TimeGenerated < datetime(${to})
| where Name == "Total Tokens"
| extend appId = tostring(Properties["appId"])
| summarize tokens = sum(Sum) by appId, day = format_datetime(startofday(TimeGenerated), "yyyy-MM-dd")`;

/**
 * Compares that metric with the ingested events per app and day: `log-to-eventhub` drops events
 * when the hub throttles, the metric does not go through the hub. A day is flagged when its
 * events fall short of the metric by more than 1% (events missing), or when there are events and
 * no metric (the metric's pipeline is the one that lost them).
 */
export async function getCompleteness(store: UsageStore, month: string, workspace: string, access: LogsAccess): Promise<Completeness> {
  const { from, to } = monthDays(month);
  // The SDK's own retries are off: ours (lib/retry) are the same for every outbound call.
  const client = new LogsQueryClient(access.credential, { endpoint: access.endpoint, retryOptions: { maxRetries: 0 } });
  const query = () =>
    client
      .queryWorkspace(workspace, tokenMetricQuery(from, to), { startTime: new Date(`${from}T00:00:00Z`), endTime: new Date(`${to}T00:00:00Z`) })
      .catch((error: Error) => {
        throw retryableLogsError(error) ?? error;
      });
  const [result, usage] = await Promise.all([
    withRetry(LOGS_RETRY, query, { onRetry: countRetry("azure-monitor-logs") }).catch((error: Error) => {
      throw new UserError(`Azure Monitor Logs query failed: ${error instanceof RetriesExhausted ? error.cause.message : error.message}`);
    }),
    store.listDailyUsage(from, to),
  ]);
  if (result.status !== LogsQueryResultStatus.Success)
    throw new UserError(`Azure Monitor Logs answered part of the query only: ${result.partialError.message}`);
  const metric = new Map<string, bigint>();
  const [table] = result.tables;
  const col = (name: string) => table?.columnDescriptors.findIndex((c) => c.name === name) ?? -1;
  const [appId, day, tokens] = [col("appId"), col("day"), col("tokens")];
  if (appId < 0 || day < 0 || tokens < 0) throw new UserError("Azure Monitor Logs answered without the appId, day and tokens columns");
  for (const r of table?.rows ?? []) metric.set(`${r[day]}|${r[appId]}`, (metric.get(`${r[day]}|${r[appId]}`) ?? 0n) + BigInt(Math.round(Number(r[tokens]))));
  const events = new Map<string, bigint>();
  for (const u of usage) events.set(`${u.day}|${u.appId}`, (events.get(`${u.day}|${u.appId}`) ?? 0n) + u.totalTokens);
  const rows = [...new Set([...metric.keys(), ...events.keys()])].sort().map((key): CompletenessRow => {
    const [d = "", app = ""] = key.split("|"); // every key is day|appId
    const m = metric.get(key) ?? 0n;
    const e = events.get(key) ?? 0n;
    const missing = m - e;
    const flag = m === 0n && e > 0n ? "metric missing" : missing * 100n > m * MISSING_PERCENT ? "events missing" : "ok";
    return {
      day: d,
      appId: app,
      metricTokens: Number(m),
      eventTokens: Number(e),
      missingTokens: Number(missing > 0n ? missing : 0n),
      missingPercent: m === 0n || missing <= 0n ? "0.0" : tenths((missing * 1000n) / m),
      flag,
    };
  });
  return { month, workspace, rows, flagged: rows.filter((r) => r.flag !== "ok").length };
}

/** Tenths of a percent as "12.3" (truncated: a flag never rounds up into being). */
const tenths = (t: bigint) => `${t / 10n}.${t % 10n}`;
