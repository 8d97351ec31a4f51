import { z } from "zod";
import { UserError } from "../core/errors";
import { TrustedProxies } from "./schema";
import { servedBy, servesPersonas, type WebServer } from "./webServer";

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
  CHARGEBACK_TRUSTED_PROXIES: TrustedProxies,
  NODE_ENV: z.string().optional(),
});

export type EntraConfig = { issuer: string; tenantId: string; clientId: string; clientSecret: string; redirectUri: string };
export type WebConfig = {
  sessionSecret: string;
  secureCookies: boolean;
  /** The site's origin (scheme, host, port) as users reach it, when CHARGEBACK_PUBLIC_URL names it. */
  publicOrigin: string | null;
  /** Whether X-Forwarded-Host/-Proto describe the request: only what a trusted proxy sent is left. */
  trustForwarded: boolean;
  localSignIn: boolean;
  entra: EntraConfig | null;
  ingestAudience: string | null;
  ingestGateways: string[];
};

/** `server`: how this process serves the app (scripts/webServer.mjs), null under plain `next start`. */
export function loadWebConfig(env: NodeJS.ProcessEnv = process.env, server: WebServer | null = servedBy()): WebConfig {
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
  // Personas carry real owners' ids: nobody may pick one unless `npm start` serves the app on
  // loopback. No variable (NODE_ENV, the old CHARGEBACK_RUNTIME=local) can say so instead.
  if (e.CHARGEBACK_LOCAL_SIGNIN && !servesPersonas(server)) {
    throw new UserError(
      "refusing to start: local persona sign-in (CHARGEBACK_LOCAL_SIGNIN) is for workstations, never production: only `npm start` serves it, on 127.0.0.1; unset it and configure Entra ID (CHARGEBACK_ENTRA_*)",
    );
  }
  if (!entraOn && !e.CHARGEBACK_LOCAL_SIGNIN) {
    throw new UserError(
      "invalid web configuration: no way to sign in; configure Entra ID (CHARGEBACK_ENTRA_*) or, on a workstation, CHARGEBACK_LOCAL_SIGNIN=1",
    );
  }
  if (e.CHARGEBACK_INGEST_AUDIENCE && !entraOn)
    throw new UserError("invalid web configuration: CHARGEBACK_INGEST_AUDIENCE needs Entra ID (CHARGEBACK_ENTRA_*) to check tokens against");
  // Only our own server (scripts/webServer.mjs) sees the peer's address, so only it can drop forwarded headers from others.
  if (e.CHARGEBACK_TRUSTED_PROXIES.length > 0 && !server) {
    throw new UserError(
      "invalid web configuration: CHARGEBACK_TRUSTED_PROXIES needs the app served by `node scripts/serve.mjs` (the image's command), which checks each request's peer; plain `next start` cannot",
    );
  }
  const publicUrl = e.CHARGEBACK_PUBLIC_URL ? new URL(e.CHARGEBACK_PUBLIC_URL) : null;
  return {
    sessionSecret: e.CHARGEBACK_SESSION_SECRET,
    secureCookies: publicUrl?.protocol === "https:",
    publicOrigin: publicUrl?.origin ?? null,
    trustForwarded: e.CHARGEBACK_TRUSTED_PROXIES.length > 0,
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
