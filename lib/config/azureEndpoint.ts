import type { TokenCredential } from "@azure/core-auth";
import { UserError } from "../core/errors";

/** Where an Azure service is reached, and as whom. */
export type AzureAccess = { endpoint: string; credential: TokenCredential };

const LOOPBACK = ["127.0.0.1", "localhost", "[::1]"];

/**
 * An Azure service at `address` (a setting `variable` of the config schema), with
 * DefaultAzureCredential. An https loopback URL is a local test server of recorded responses: it
 * gets a fixed token, since the Azure SDKs send bearer tokens over https only.
 */
export async function azureEndpoint(variable: string, address: string): Promise<AzureAccess> {
  const url = new URL(address);
  if (url.protocol !== "https:") throw new UserError(`${variable} must use https`);
  if (LOOPBACK.includes(url.hostname))
    return { endpoint: url.origin, credential: { getToken: async () => ({ token: "local-test-server", expiresOnTimestamp: Date.now() + 3_600_000 }) } };
  const { DefaultAzureCredential } = await import("@azure/identity");
  return { endpoint: url.origin, credential: new DefaultAzureCredential() };
}
