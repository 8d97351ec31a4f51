import type { TokenCredential } from "@azure/core-auth";
import { z } from "zod";
import { UserError } from "../errors";

export type LogsAccess = { endpoint: string; credential: TokenCredential };

const LogsUrl = z.url({ error: "CHARGEBACK_LOGS_URL must be a URL, e.g. https://api.loganalytics.io" }).default("https://api.loganalytics.io");
const LOOPBACK = ["127.0.0.1", "localhost", "[::1]"];

/**
 * Azure Monitor Logs with DefaultAzureCredential (the identity needs Log Analytics Reader on the
 * workspace). An https loopback URL is a local test server of recorded responses: it gets a fixed
 * token, since the SDK sends bearer tokens over https only.
 */
export async function logsAccess(env: NodeJS.ProcessEnv = process.env): Promise<LogsAccess> {
  const parsed = LogsUrl.safeParse(env.CHARGEBACK_LOGS_URL || undefined);
  if (!parsed.success) throw new UserError(parsed.error.issues[0].message);
  const url = new URL(parsed.data);
  if (url.protocol !== "https:") throw new UserError("CHARGEBACK_LOGS_URL must use https");
  if (LOOPBACK.includes(url.hostname)) return { endpoint: url.origin, credential: { getToken: async () => ({ token: "local-test-server", expiresOnTimestamp: Date.now() + 3_600_000 }) } };
  const { DefaultAzureCredential } = await import("@azure/identity");
  return { endpoint: url.origin, credential: new DefaultAzureCredential() };
}
