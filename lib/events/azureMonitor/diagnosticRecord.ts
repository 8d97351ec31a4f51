import { z } from "zod";
import { EventTime, OptionalText, OptionalTokenCount } from "../fields";
import { firstIssue } from "../../core/errors";

/**
 * One half of a gateway call as API Management's diagnostic setting streams it: the language
 * model log (category GatewayLlmLogs: tokens, model, deployment; several records per call, only
 * one with the tokens) or the gateway log (GatewayLogs: the caller), joined on the correlation id.
 */
export type DiagnosticHalf = LlmHalf | GatewayHalf;
export type LlmHalf = {
  kind: "llm";
  correlationId: string;
  time: number;
  deployment: string;
  model: string;
  operation: string;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  streamed: boolean | null;
};
export type GatewayHalf = {
  kind: "gateway";
  correlationId: string;
  time: number;
  subscriptionId: string | null;
  productId: string | null;
  responseCode: number | null;
  /** The caller's app id, when the gateway log carries the header that names it. */
  appId: string | null;
};

/** What one record of an envelope is: a half, a record of another category (not ours to read), or why it cannot be read. */
export type RecordReading = { half: DiagnosticHalf; raw: string } | { other: string } | { problem: string; raw: string };

// Azure Monitor's resource log records carry the common top level (time, category,
// correlationId, properties) in camelCase; Learn's table schemas spell the same fields in
// PascalCase, and the properties of the LLM log are documented only there. Names are therefore
// read without regard to case.
const lowerKeys = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), v])) : {};

const RequiredId = z.string({ error: (i) => (i.input === undefined ? "is missing" : "must be a string") }).refine((v) => v.trim() !== "", "is empty");

const LlmRecord = z.object({
  time: EventTime,
  correlationid: RequiredId,
  deploymentname: OptionalText,
  modelname: OptionalText,
  operationname: OptionalText,
  prompttokens: OptionalTokenCount.nullable(),
  completiontokens: OptionalTokenCount.nullable(),
  totaltokens: OptionalTokenCount.nullable(),
  isstreamcompletion: z.boolean().nullish(),
});

const GatewayRecord = z.object({
  time: EventTime,
  correlationid: RequiredId,
  apimsubscriptionid: OptionalText,
  productid: OptionalText,
  responsecode: z.coerce.number().int().nullish().catch(null),
  requestheaders: z.record(z.string(), z.unknown()).nullish().catch(null),
  backendrequestheaders: z.record(z.string(), z.unknown()).nullish().catch(null),
});

const CATEGORIES: Record<string, "llm" | "gateway"> = { gatewayllmlogs: "llm", gatewaylogs: "gateway" };

/**
 * Reads one record. `appIdHeader` is the request header (logged by the API's diagnostic settings)
 * that carries the caller's app id, if one is; its value is the app id, else the caller is the
 * APIM subscription.
 */
export function readDiagnosticRecord(record: unknown, appIdHeader: string | null): RecordReading {
  const top = lowerKeys(record);
  const category = String(top.category ?? "");
  const kind = CATEGORIES[category.toLowerCase()];
  if (!kind) return { other: category || "(no category)" };
  const raw = JSON.stringify(record);
  // Properties first, the common top level filling what they lack (time, correlationId); a
  // record copied from the workspace table has TimeGenerated instead of time.
  const fields = { ...top, ...lowerKeys(top.properties) };
  fields.time ??= top.time ?? fields.timegenerated;
  fields.correlationid ??= top.correlationid;
  if (kind === "llm") {
    const r = LlmRecord.safeParse(fields);
    if (!r.success) return { problem: problemOf(category, r.error), raw };
    const e = r.data;
    return {
      raw,
      half: {
        kind,
        correlationId: e.correlationid.trim(),
        time: e.time,
        deployment: e.deploymentname ?? "",
        model: e.modelname ?? "",
        operation: e.operationname ?? "",
        promptTokens: e.prompttokens ?? 0,
        completionTokens: e.completiontokens ?? 0,
        totalTokens: e.totaltokens ?? (e.prompttokens ?? 0) + (e.completiontokens ?? 0),
        streamed: e.isstreamcompletion ?? null,
      },
    };
  }
  const r = GatewayRecord.safeParse(fields);
  if (!r.success) return { problem: problemOf(category, r.error), raw };
  const e = r.data;
  // A policy that sets the header from the validated token shows it among the backend request's
  // headers (the caller cannot forge that one); a caller's own header, among the request's.
  const header = appIdHeader
    ? (lowerKeys(e.backendrequestheaders)[appIdHeader.toLowerCase()] ?? lowerKeys(e.requestheaders)[appIdHeader.toLowerCase()])
    : undefined;
  const appId = typeof header === "string" && header.trim() !== "" ? header.trim() : null;
  return {
    raw,
    half: {
      kind,
      correlationId: e.correlationid.trim(),
      time: e.time,
      subscriptionId: e.apimsubscriptionid,
      productId: e.productid,
      responseCode: e.responsecode ?? null,
      appId,
    },
  };
}

// Fields are read in lower case; a problem names them as Microsoft documents them.
const DOCUMENTED = Object.fromEntries(
  [
    "time",
    "correlationId",
    "DeploymentName",
    "ModelName",
    "OperationName",
    "PromptTokens",
    "CompletionTokens",
    "TotalTokens",
    "apimSubscriptionId",
    "productId",
  ].map((n) => [n.toLowerCase(), n]),
);

function problemOf(category: string, error: z.ZodError): string {
  const issue = firstIssue(error);
  const field = String(issue.path[0] ?? "");
  return `azure-monitor ${category}: ${DOCUMENTED[field] ?? (field || "record")} ${issue.message}`;
}

/**
 * The records of one Event Hubs message or NDJSON line: a diagnostic setting's `{"records":[…]}`
 * envelope, or one bare record of a category we read; null when the text is neither (another
 * event shape, or not JSON).
 */
export function diagnosticRecordsOf(text: string): unknown[] | null {
  // Every line of `chargeback ingest` passes here: plain substring tests first, no regex; and
  // `records"` before `"records"`, which V8 finds 2.5 times slower: JSON is full of quotes.
  const envelope = text.includes('records"') && text.includes('"records"');
  if (!envelope && !(text.includes("Logs") && /"category"\s*:\s*"Gateway(Llm)?Logs"/i.test(text))) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const top = lowerKeys(value);
  if (Array.isArray(top.records)) return top.records;
  return CATEGORIES[String(top.category ?? "").toLowerCase()] ? [value] : null;
}
