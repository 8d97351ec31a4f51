import { z } from "zod";
import { UserError } from "../core/errors";

const Flag = z
  .enum(["1", "true", "0", "false", ""], { error: "must be 1, true, 0 or false" })
  .optional()
  .transform((v) => v === "1" || v === "true");

const Guid = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F-]{36}$/, "must be a GUID");

/** Settings of the web app: how people sign in. Read once per process. */
const WebEnv = z.object({
  CHARGEBACK_SESSION_SECRET: z
    .string({ error: "is required: a random string of at least 32 characters that encrypts session cookies" })
    .min(32, "must be at least 32 characters"),
  CHARGEBACK_LOCAL_SIGNIN: Flag,
  CHARGEBACK_RUNTIME: z.enum(["local", ""]).optional(),
  CHARGEBACK_PUBLIC_URL: z.url({ error: "must be the site's public URL, e.g. https://chargeback.contoso.com" }).optional(),
  CHARGEBACK_ENTRA_TENANT_ID: Guid.optional(),
  CHARGEBACK_ENTRA_CLIENT_ID: Guid.optional(),
  CHARGEBACK_ENTRA_CLIENT_SECRET: z.string().min(1).optional(),
  // Only to point sign-in at a local stand-in in tests; production uses login.microsoftonline.com.
  CHARGEBACK_ENTRA_AUTHORITY: z.url().optional(),
  // The audience of Entra ID access tokens the HTTP intake accepts (the intake API's app id URI).
  CHARGEBACK_INGEST_AUDIENCE: z.string().trim().min(1).optional(),
  // Client ids (APIM's managed identity) that report usage for any app; other clients only their own.
  CHARGEBACK_INGEST_GATEWAYS: z.string().optional(),
  NODE_ENV: z.string().optional(),
});

export type EntraConfig = { issuer: string; tenantId: string; clientId: string; clientSecret: string; redirectUri: string };
export type WebConfig = {
  sessionSecret: string;
  secureCookies: boolean;
  localSignIn: boolean;
  entra: EntraConfig | null;
  ingestAudience: string | null;
  ingestGateways: string[];
};

export function loadWebConfig(env: NodeJS.ProcessEnv = process.env): WebConfig {
  const parsed = WebEnv.safeParse(env);
  if (!parsed.success) {
    throw new UserError(`invalid web configuration: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  }
  const e = parsed.data;
  const entraSettings = [e.CHARGEBACK_ENTRA_TENANT_ID, e.CHARGEBACK_ENTRA_CLIENT_ID, e.CHARGEBACK_ENTRA_CLIENT_SECRET];
  if (entraSettings.some(Boolean) && !entraSettings.every(Boolean)) {
    throw new UserError(
      "invalid web configuration: Entra ID sign-in needs CHARGEBACK_ENTRA_TENANT_ID, CHARGEBACK_ENTRA_CLIENT_ID and CHARGEBACK_ENTRA_CLIENT_SECRET together",
    );
  }
  const entraOn = entraSettings.every(Boolean);
  if (entraOn && !e.CHARGEBACK_PUBLIC_URL) {
    throw new UserError(
      "invalid web configuration: Entra ID sign-in needs CHARGEBACK_PUBLIC_URL, the address users reach the site at (the redirect URI is built from it)",
    );
  }
  // `next start` always runs with NODE_ENV=production; only the local launcher marks itself.
  const production = e.NODE_ENV === "production" && e.CHARGEBACK_RUNTIME !== "local";
  // Personas carry real owners' ids: in production nobody may pick one, Entra ID or not.
  if (e.CHARGEBACK_LOCAL_SIGNIN && production) {
    throw new UserError(
      "refusing to start: local persona sign-in (CHARGEBACK_LOCAL_SIGNIN) is for workstations, never production; unset it and configure Entra ID (CHARGEBACK_ENTRA_*)",
    );
  }
  if (!entraOn && !e.CHARGEBACK_LOCAL_SIGNIN) {
    throw new UserError(
      "invalid web configuration: no way to sign in; configure Entra ID (CHARGEBACK_ENTRA_*) or, on a workstation, CHARGEBACK_LOCAL_SIGNIN=1",
    );
  }
  if (e.CHARGEBACK_INGEST_AUDIENCE && !entraOn)
    throw new UserError("invalid web configuration: CHARGEBACK_INGEST_AUDIENCE needs Entra ID (CHARGEBACK_ENTRA_*) to check tokens against");
  const publicUrl = e.CHARGEBACK_PUBLIC_URL ? new URL(e.CHARGEBACK_PUBLIC_URL) : null;
  return {
    sessionSecret: e.CHARGEBACK_SESSION_SECRET,
    secureCookies: publicUrl?.protocol === "https:",
    localSignIn: e.CHARGEBACK_LOCAL_SIGNIN,
    ingestAudience: e.CHARGEBACK_INGEST_AUDIENCE ?? null,
    ingestGateways: (e.CHARGEBACK_INGEST_GATEWAYS ?? "")
      .split(",")
      .map((c) => c.trim().toLowerCase())
      .filter(Boolean),
    entra: entraOn
      ? {
          tenantId: e.CHARGEBACK_ENTRA_TENANT_ID!.toLowerCase(),
          clientId: e.CHARGEBACK_ENTRA_CLIENT_ID!,
          clientSecret: e.CHARGEBACK_ENTRA_CLIENT_SECRET!,
          issuer: `${(e.CHARGEBACK_ENTRA_AUTHORITY ?? "https://login.microsoftonline.com").replace(/\/$/, "")}/${e.CHARGEBACK_ENTRA_TENANT_ID!.toLowerCase()}/v2.0`,
          redirectUri: new URL("/api/auth/entra/callback", publicUrl!).toString(),
        }
      : null,
  };
}
