import { z } from "zod";
import { UserErrors } from "../core/errors";

const optionalText = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v), z.string().optional());
const positiveInt = (fallback: number) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? fallback : v),
    z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").positive("must be above 0"),
  );

type Env = Record<string, string | undefined>;

const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d+)?$/i;

/**
 * Settings of the Event Hubs worker (`chargeback worker --source eventhubs` and `worker lag`).
 * Azure access is by DefaultAzureCredential (namespace, blob container URL); connection strings
 * with shared keys are meant for local test servers.
 */
export const EventHubsConfig = z
  .object({
    CHARGEBACK_EVENTHUB_NAMESPACE: optionalText.refine(
      (v) => v === undefined || HOST.test(v),
      "must be the fully qualified namespace, e.g. myhub.servicebus.windows.net (no scheme, no path)",
    ),
    CHARGEBACK_EVENTHUB_CONNECTION_STRING: optionalText.refine(
      (v) => v === undefined || /(^|;)\s*Endpoint=sb:\/\/[^;]+/i.test(v),
      "must contain Endpoint=sb://…",
    ),
    CHARGEBACK_EVENTHUB_NAME: optionalText.refine((v) => v === undefined || /^[A-Za-z0-9][\w.-]{0,255}$/.test(v), "is not an event hub name"),
    CHARGEBACK_EVENTHUB_CONSUMER_GROUP: optionalText.transform((v) => v ?? "$Default"),
    CHARGEBACK_CHECKPOINT_BLOB_URL: optionalText.refine(
      (v) => v === undefined || /^https?:\/\/[^/]+\/[^/?#]+\/?$/.test(v),
      "must be a blob container URL, e.g. https://account.blob.core.windows.net/checkpoints",
    ),
    CHARGEBACK_CHECKPOINT_CONNECTION_STRING: optionalText.refine(
      (v) => v === undefined || /(AccountName|BlobEndpoint|UseDevelopmentStorage)=/i.test(v),
      "is not a storage connection string",
    ),
    CHARGEBACK_CHECKPOINT_CONTAINER: optionalText.refine(
      (v) => v === undefined || /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(v),
      "must be a container name: 3-63 lower-case letters, digits and single hyphens",
    ),
    // Tests (and small deployments) claim partitions faster than the SDK's balanced default.
    CHARGEBACK_EVENTHUB_LOAD_BALANCING: optionalText
      .transform((v) => v ?? "balanced")
      .pipe(z.enum(["balanced", "greedy"], { error: "must be balanced or greedy" })),
    CHARGEBACK_EVENTHUB_LOAD_BALANCING_INTERVAL_MS: positiveInt(10_000),
    CHARGEBACK_EVENTHUB_OWNERSHIP_EXPIRY_MS: positiveInt(60_000),
    // API Management's diagnostic records (deploy/apim/README.md): how long a call's first record
    // waits for the other, and the logged request header that names the caller's app, if one does.
    CHARGEBACK_APIM_JOIN_WINDOW_SECONDS: positiveInt(300),
    CHARGEBACK_APIM_APP_ID_HEADER: optionalText.refine((v) => v === undefined || /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(v), "must be an HTTP header name"),
  })
  .refine((c) => c.CHARGEBACK_EVENTHUB_OWNERSHIP_EXPIRY_MS > c.CHARGEBACK_EVENTHUB_LOAD_BALANCING_INTERVAL_MS, {
    path: ["CHARGEBACK_EVENTHUB_OWNERSHIP_EXPIRY_MS"],
    message: "must be longer than CHARGEBACK_EVENTHUB_LOAD_BALANCING_INTERVAL_MS",
  });
export type EventHubsConfig = z.infer<typeof EventHubsConfig>;

/** Settings that must be there, and pairs of which exactly one must be: checked on the raw environment, beside the formats. */
function missingSettings(env: Env): string[] {
  const has = (name: string) => (env[name] ?? "").trim() !== "";
  const problems: string[] = [];
  if (!has("CHARGEBACK_EVENTHUB_NAME")) problems.push("CHARGEBACK_EVENTHUB_NAME is missing: the event hub to read");
  const oneOf = (a: string, b: string, what: string) => {
    if (!has(a) && !has(b)) problems.push(`${a} is missing: set it (or ${b}) to ${what}`);
    if (has(a) && has(b)) problems.push(`${a} and ${b} are both set: set only one`);
  };
  oneOf("CHARGEBACK_EVENTHUB_NAMESPACE", "CHARGEBACK_EVENTHUB_CONNECTION_STRING", "reach Event Hubs");
  oneOf("CHARGEBACK_CHECKPOINT_BLOB_URL", "CHARGEBACK_CHECKPOINT_CONNECTION_STRING", "keep checkpoints");
  if (has("CHARGEBACK_CHECKPOINT_CONNECTION_STRING") && !has("CHARGEBACK_CHECKPOINT_CONTAINER")) {
    problems.push("CHARGEBACK_CHECKPOINT_CONTAINER is missing: the blob container for checkpoints (with CHARGEBACK_CHECKPOINT_CONNECTION_STRING)");
  }
  return problems;
}

/** Parses the worker's settings; each missing or malformed one is a line of the error, named. */
export function loadEventHubsConfig(env: Env = process.env): EventHubsConfig {
  const result = EventHubsConfig.safeParse(env);
  const problems = [...missingSettings(env), ...(result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")} ${i.message}`))];
  if (problems.length > 0 || !result.success) throw new UserErrors([...new Set(problems)]);
  return result.data;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[?::1\]?)(:\d+)?$/i;

/** True for a connection string of a local test server or emulator, false for a real Azure account. */
export function isLocalConnectionString(connectionString: string): boolean {
  const fields = new Map(
    connectionString
      .split(";")
      .map((part) => part.split(/=(.*)/s).map((s) => s.trim()))
      .flatMap(([key, value]) => (key ? [[key.toLowerCase(), value ?? ""] as const] : [])),
  );
  if (fields.get("usedevelopmentemulator")?.toLowerCase() === "true" || fields.get("usedevelopmentstorage")?.toLowerCase() === "true") return true;
  const endpoint = fields.get("endpoint") ?? fields.get("blobendpoint");
  if (endpoint) {
    try {
      if (LOOPBACK.test(new URL(endpoint).host)) return true;
    } catch {
      return false;
    }
  }
  return !endpoint && fields.get("accountname") === "devstoreaccount1";
}

/** Warnings to print loudly: shared keys in use against something that is not a local test server. */
export function sharedKeyWarnings(config: EventHubsConfig): string[] {
  const used = [
    ["CHARGEBACK_EVENTHUB_CONNECTION_STRING", config.CHARGEBACK_EVENTHUB_CONNECTION_STRING],
    ["CHARGEBACK_CHECKPOINT_CONNECTION_STRING", config.CHARGEBACK_CHECKPOINT_CONNECTION_STRING],
  ] as const;
  return used
    .filter(([, value]) => value !== undefined && !isLocalConnectionString(value))
    .map(
      ([name]) =>
        `WARNING: ${name} holds a shared access key for a non-local server. Shared keys are for local test servers only: ` +
        `anyone who reads it can send or read usage. Use the managed identity instead (DefaultAzureCredential, ` +
        `${name.includes("EVENTHUB") ? "CHARGEBACK_EVENTHUB_NAMESPACE" : "CHARGEBACK_CHECKPOINT_BLOB_URL"}) and remove the key.`,
    );
}
