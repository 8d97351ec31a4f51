import https from "node:https";
import { CosmosClient } from "@azure/cosmos";
import { DefaultAzureCredential } from "@azure/identity";
import { isLoopbackHost } from "../../config/schema";
import { UserError } from "../../core/errors";

export type CosmosOptions = { endpoint: string; database: string; key?: string };

/**
 * A client of the account: Entra ID (DefaultAzureCredential: managed identity in Azure, the
 * developer's sign-in elsewhere) with the `Cosmos DB Built-in Data Contributor` role. An account
 * key is accepted only for a test server on loopback, whose self-signed certificate is trusted.
 */
export function createCosmosClient({ endpoint, key }: CosmosOptions): CosmosClient {
  const url = new URL(endpoint);
  const loopback = isLoopbackHost(url.hostname);
  if (key !== undefined && !loopback) throw new UserError(`CHARGEBACK_COSMOS_KEY: is accepted only for a test server on loopback, not for ${url.hostname}`);
  return new CosmosClient({
    endpoint,
    ...(key !== undefined ? { key } : { aadCredentials: new DefaultAzureCredential() }),
    ...(loopback && url.protocol === "https:" ? { agent: new https.Agent({ rejectUnauthorized: false }) } : {}),
    // A test server (and a single-region account) has no other regions to discover.
    connectionPolicy: { enableEndpointDiscovery: !loopback },
  });
}
