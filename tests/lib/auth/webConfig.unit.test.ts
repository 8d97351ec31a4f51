import { describe, expect, it } from "vitest";
import { loadWebConfig } from "../../../lib/config/webConfig";
import type { WebServer } from "../../../lib/config/webServer";

const SECRET = { CHARGEBACK_SESSION_SECRET: "x".repeat(32) };
/** What scripts/webServer.mjs records when `npm start` serves the app. */
const LAUNCHER: WebServer = { host: "127.0.0.1", personas: true, trustedProxies: [] };

const ENTRA = {
  CHARGEBACK_ENTRA_TENANT_ID: "3F1C2B7A-5D4E-4C6B-9A8F-0E1D2C3B4A59",
  CHARGEBACK_ENTRA_CLIENT_ID: "8b0e6f2d-1c3a-4e5b-9d7f-6a2b1c0d9e8f",
  CHARGEBACK_ENTRA_CLIENT_SECRET: "from-key-vault",
  CHARGEBACK_PUBLIC_URL: "https://chargeback.contoso.example",
};

describe("web sign-in settings", () => {
  it("build the tenant's issuer and the redirect URI from the public URL, with secure cookies over HTTPS", () => {
    const config = loadWebConfig({ ...SECRET, ...ENTRA, NODE_ENV: "production" });
    expect(config.entra).toEqual({
      tenantId: "3f1c2b7a-5d4e-4c6b-9a8f-0e1d2c3b4a59",
      clientId: ENTRA.CHARGEBACK_ENTRA_CLIENT_ID,
      clientSecret: "from-key-vault",
      issuer: "https://login.microsoftonline.com/3f1c2b7a-5d4e-4c6b-9a8f-0e1d2c3b4a59/v2.0",
      redirectUri: "https://chargeback.contoso.example/api/auth/entra/callback",
    });
    expect(config.secureCookies).toBe(true);
    expect(config.localSignIn).toBe(false);
  });

  it("allow persona sign-in only when the local launcher serves the app on loopback, with or without Entra ID", () => {
    expect(loadWebConfig({ ...SECRET, CHARGEBACK_LOCAL_SIGNIN: "1", NODE_ENV: "production" }, LAUNCHER).localSignIn).toBe(true);
    expect(loadWebConfig({ ...SECRET, CHARGEBACK_LOCAL_SIGNIN: "1", NODE_ENV: "development" }, { ...LAUNCHER, host: "::1" }).localSignIn).toBe(true);
    expect(loadWebConfig({ ...SECRET, ...ENTRA, CHARGEBACK_LOCAL_SIGNIN: "true", NODE_ENV: "production" }, LAUNCHER).localSignIn).toBe(true);
  });

  // Issue 24 item 5: CHARGEBACK_RUNTIME=local under `next start` served every persona.
  it.each([
    ["plain `next start`, whatever the variables say", { CHARGEBACK_RUNTIME: "local", NODE_ENV: "production" }, null],
    ["`next dev`", { NODE_ENV: "development" }, null],
    ["a launcher bound to every interface", {}, { ...LAUNCHER, host: "0.0.0.0" }],
    ["the production server (scripts/serve.mjs)", { CHARGEBACK_RUNTIME: "local" }, { ...LAUNCHER, host: "127.0.0.1", personas: false }],
  ])("refuse persona sign-in under %s", (_name, env, server) => {
    expect(() => loadWebConfig({ ...SECRET, ...ENTRA, CHARGEBACK_LOCAL_SIGNIN: "1", ...env } as NodeJS.ProcessEnv, server)).toThrow(
      /only `npm start` serves it, on 127\.0\.0\.1/,
    );
  });

  it.each([
    [{ CHARGEBACK_LOCAL_SIGNIN: "1" }, /CHARGEBACK_SESSION_SECRET is required/],
    [{ CHARGEBACK_SESSION_SECRET: "short", CHARGEBACK_LOCAL_SIGNIN: "1" }, /at least 32 characters/],
    [{ ...SECRET, NODE_ENV: "development" }, /no way to sign in/],
    [
      { ...SECRET, CHARGEBACK_ENTRA_TENANT_ID: ENTRA.CHARGEBACK_ENTRA_TENANT_ID },
      /needs CHARGEBACK_ENTRA_TENANT_ID, CHARGEBACK_ENTRA_CLIENT_ID and CHARGEBACK_ENTRA_CLIENT_SECRET together/,
    ],
    [{ ...SECRET, ...ENTRA, CHARGEBACK_PUBLIC_URL: undefined }, /needs CHARGEBACK_PUBLIC_URL/],
    [{ ...SECRET, ...ENTRA, CHARGEBACK_ENTRA_TENANT_ID: "contoso" }, /CHARGEBACK_ENTRA_TENANT_ID must be a GUID/],
    [{ ...SECRET, CHARGEBACK_LOCAL_SIGNIN: "yes" }, /CHARGEBACK_LOCAL_SIGNIN must be 1, true, 0 or false/],
  ])("refuse %j", (env, message) => {
    expect(() => loadWebConfig(env as NodeJS.ProcessEnv, LAUNCHER)).toThrow(message);
  });
});
