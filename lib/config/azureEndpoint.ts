import type { TokenCredential } from "@azure/core-auth";
import { z } from "zod";
import { UserError } from "../core/errors";

/** Where an Azure service is reached, and as whom. */
export type AzureAccess = { endpoint: string; credential: TokenCredential };

const LOOPBACK = ["127.0.0.1", "localhost", "[::1]"];

/**
 * An Azure service at the URL in `variable` (default `defaultUrl`), with DefaultAzureCredential.
 * An https loopback URL is a local test server of recorded responses: it gets a fixed token,
 * since the Azure SDKs send bearer tokens over https only.
 */
export async function azureEndpoint(variable: string, defaultUrl: string, env: NodeJS.ProcessEnv = process.env): Promise<AzureAccess> {
  const parsed = z
    .url({ error: `${variable} must be a URL, e.g. ${defaultUrl}` })
    .default(defaultUrl)
    .safeParse(env[variable] || undefined);
  if (!parsed.success) throw new UserError(parsed.error.issues[0].message);
  const url = new URL(parsed.data);
  if (url.protocol !== "https:") throw new UserError(`${variable} must use https`);
  if (LOOPBACK.includes(url.hostname))
    return { endpoint: url.origin, credential: { getToken: async () => ({ token: "local-test-server", expiresOnTimestamp: Date.now() + 3_600_000 }) } };
  const { DefaultAzureCredential } = await import("@azure/identity");
  return { endpoint: url.origin, credential: new DefaultAzureCredential() };
}
