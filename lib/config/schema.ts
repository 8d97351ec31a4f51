import { z } from "zod";
import { CLOCK_HINT, parseInstant } from "../core/clock";
import { UserError } from "../core/errors";
import { DEFAULT_DATABASE_URL } from "./databaseUrl";
import { NotificationSettings } from "./notificationSettings";

/** Hosts of a test server on this machine: the only place an account key is accepted. */
export const isLoopbackHost = (host: string) => /^(localhost|127(\.\d{1,3}){3}|\[::1\]|::1)$/i.test(host);

/**
 * The addresses of the proxies in front of the web app (Front Door, Application Gateway, the
 * Container Apps ingress) whose X-Forwarded-* headers are believed; anyone else's are dropped.
 */
export const TrustedProxies = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean),
  )
  .refine((list) => list.every((a) => z.union([z.ipv4(), z.ipv6()]).safeParse(a).success), "must be IP addresses separated by commas, e.g. 10.0.0.4,10.0.0.5");

/** An https service's address, with its default when unset or empty; a typo is named with an example. */
const serviceUrl = (defaultUrl: string) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.url({ error: `must be a URL, e.g. ${defaultUrl}` }).default(defaultUrl));

/** Every process (web, worker, CLI) reads its settings through this one schema, once. */
export const Config = z
  .object({
    CHARGEBACK_DATABASE_URL: z.string().trim().min(1).default(DEFAULT_DATABASE_URL),
    CHARGEBACK_STORE: z.enum(["sqlite", "cosmos"], { error: "must be sqlite or cosmos" }).default("sqlite"),
    // Cosmos DB (CHARGEBACK_STORE=cosmos): the account's endpoint, reached with Entra ID
    // (DefaultAzureCredential); a key only for a test server on loopback.
    CHARGEBACK_COSMOS_ENDPOINT: z.url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://<account>.documents.azure.com:443/" }).optional(),
    CHARGEBACK_COSMOS_DATABASE: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/, "must be 1-255 letters, digits, dots, dashes or underscores")
      .default("chargeback"),
    CHARGEBACK_COSMOS_KEY: z.string().trim().min(1).optional(),
    // The currency reports are priced in: the Retail Prices API's prices for it (sync them with
    // `chargeback prices sync --currency`); other than USD they are reference prices.
    CHARGEBACK_CURRENCY: z
      .string()
      .regex(/^[A-Z]{3}$/, "CHARGEBACK_CURRENCY must be a three-letter ISO code such as USD or EUR")
      .default("USD"),
    // Days raw events and quarantined lines are kept (0: for ever). Rollups, statements and the
    // audit log are kept regardless. Longer than the hub keeps events, so no redelivery outlives
    // the facts that recognise it as a duplicate.
    CHARGEBACK_RETENTION_DAYS: z.coerce
      .number()
      .int("must be a whole number of days")
      .refine((d) => d === 0 || (d >= 30 && d <= 36_600), "must be 0 (keep for ever) or 30 days or more")
      .default(0),
    // How long an SQLite connection waits for another process's write (lib/store/sqlite/openDatabase.ts).
    CHARGEBACK_SQLITE_BUSY_TIMEOUT_SECONDS: z.coerce
      .number()
      .int("must be a whole number of seconds")
      .min(1, "must be at least 1")
      .max(3600, "must be at most 3600")
      .default(120),
    CHARGEBACK_TRUSTED_PROXIES: TrustedProxies,
    // Who builds a stale month's figures for the web server: `chargeback month refresh` in a child
    // process (its ledger never in the server's memory), or the server itself (a benchmark's baseline).
    CHARGEBACK_MONTH_BUILDS: z.enum(["child", "in-process"], { error: "must be child or in-process" }).default("child"),
    // The services we call out to; each is a local test server in the tests.
    CHARGEBACK_RETAIL_PRICES_URL: serviceUrl("https://prices.azure.com"),
    CHARGEBACK_GRAPH_URL: serviceUrl("https://graph.microsoft.com/"),
    CHARGEBACK_ARM_URL: serviceUrl("https://management.azure.com"),
    CHARGEBACK_LOGS_URL: serviceUrl("https://api.loganalytics.io"),
    // Who issues the statements, printed at the head of each PDF (the department that bills the units).
    CHARGEBACK_STATEMENT_ISSUER: z.string().trim().min(1).max(120, "must be at most 120 characters").default("Finance, Azure OpenAI chargeback"),
    ...NotificationSettings,
    // Pins the product's clock (lib/core/clock.ts): the demo, the browser tests, a past day replayed.
    CHARGEBACK_NOW: z
      .string()
      .trim()
      .optional()
      .refine((v) => !v || parseInstant(v) !== null, CLOCK_HINT),
  })
  .superRefine((c, ctx) => {
    if (c.CHARGEBACK_STORE !== "cosmos") return;
    if (!c.CHARGEBACK_COSMOS_ENDPOINT) {
      ctx.addIssue({ code: "custom", path: ["CHARGEBACK_COSMOS_ENDPOINT"], message: "is required when CHARGEBACK_STORE=cosmos" });
      return;
    }
    if (!URL.canParse(c.CHARGEBACK_COSMOS_ENDPOINT)) return; // already reported by the field's own check
    const host = new URL(c.CHARGEBACK_COSMOS_ENDPOINT).hostname;
    if (c.CHARGEBACK_COSMOS_KEY && !isLoopbackHost(host)) {
      ctx.addIssue({
        code: "custom",
        path: ["CHARGEBACK_COSMOS_KEY"],
        message: `is accepted only for a test server on loopback, not for ${host}: production signs in with Entra ID (DefaultAzureCredential), so unset the key`,
      });
    }
  });
export type Config = z.infer<typeof Config>;

const SETTINGS = Object.keys(Config.shape);
let parsed: { fingerprint: string; config: Config } | undefined;

/**
 * The settings, parsed once per environment: a hot path (pricing, retention, the store) may ask
 * on every call and costs a lookup, yet a changed variable (a test, a restart) is read again.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const fingerprint = JSON.stringify(SETTINGS.map((k) => env[k] ?? null));
  if (parsed?.fingerprint === fingerprint) return parsed.config;
  const result = Config.safeParse(env);
  if (result.success) {
    parsed = { fingerprint, config: result.data };
    return result.data;
  }
  const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  throw new UserError(`invalid configuration: ${problems}`);
}
