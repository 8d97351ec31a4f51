import type { TokenCredential } from "@azure/core-auth";
import { z } from "zod";
import { UserError } from "../errors";

export type ArmAccess = { endpoint: string; credential: TokenCredential };

const ArmUrl = z.url({ error: "CHARGEBACK_ARM_URL must be a URL, e.g. https://management.azure.com" }).default("https://management.azure.com");
const LOOPBACK = ["127.0.0.1", "localhost", "[::1]"];

/**
 * Azure Resource Manager with DefaultAzureCredential (the identity needs Reader on the resource
 * group). An https loopback URL is a local test server of recorded responses: it gets a fixed
 * token, since the SDK sends bearer tokens over https only.
 */
export async function armAccess(env: NodeJS.ProcessEnv = process.env): Promise<ArmAccess> {
  const parsed = ArmUrl.safeParse(env.CHARGEBACK_ARM_URL || undefined);
  if (!parsed.success) throw new UserError(parsed.error.issues[0].message);
  const url = new URL(parsed.data);
  if (url.protocol !== "https:") throw new UserError("CHARGEBACK_ARM_URL must use https");
  const endpoint = url.origin;
  if (LOOPBACK.includes(url.hostname)) return { endpoint, credential: { getToken: async () => ({ token: "local-test-server", expiresOnTimestamp: Date.now() + 3_600_000 }) } };
  const { DefaultAzureCredential } = await import("@azure/identity");
  return { endpoint, credential: new DefaultAzureCredential() };
}
