import type { AuthenticationProvider } from "@microsoft/microsoft-graph-client";
import type { Config } from "../config/schema";
import { UserError } from "../core/errors";
import type { GraphOptions } from "./graphDirectory";

const isLoopback = (url: URL) => url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);

/**
 * Graph with the managed identity (DefaultAzureCredential; the identity needs Application.Read.All).
 * A plain-HTTP loopback URL is a local test server, which gets no token at all.
 */
export async function graphOptions(config: Pick<Config, "CHARGEBACK_GRAPH_URL">): Promise<GraphOptions> {
  const url = config.CHARGEBACK_GRAPH_URL;
  const baseUrl = url.endsWith("/") ? url : `${url}/`;
  if (isLoopback(new URL(baseUrl))) return { baseUrl, authProvider: { getAccessToken: async () => "" } satisfies AuthenticationProvider };
  if (new URL(baseUrl).protocol !== "https:") throw new UserError("CHARGEBACK_GRAPH_URL must use https (plain http only for a local test server)");
  const [{ DefaultAzureCredential }, { TokenCredentialAuthenticationProvider }] = await Promise.all([
    import("@azure/identity"),
    import("@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials"),
  ]);
  const authProvider = new TokenCredentialAuthenticationProvider(new DefaultAzureCredential(), { scopes: ["https://graph.microsoft.com/.default"] });
  return { baseUrl, authProvider };
}
