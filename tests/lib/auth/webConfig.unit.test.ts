import { describe, expect, it } from "vitest";
import { loadWebConfig } from "../../../lib/config/webConfig";

const SECRET = { CHARGEBACK_SESSION_SECRET: "x".repeat(32) };
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

  it("allow persona sign-in from the local launcher and in development, with or without Entra ID", () => {
    expect(loadWebConfig({ ...SECRET, CHARGEBACK_LOCAL_SIGNIN: "1", CHARGEBACK_RUNTIME: "local", NODE_ENV: "production" }).localSignIn).toBe(true);
    expect(loadWebConfig({ ...SECRET, CHARGEBACK_LOCAL_SIGNIN: "1", NODE_ENV: "development" }).localSignIn).toBe(true);
    expect(loadWebConfig({ ...SECRET, ...ENTRA, CHARGEBACK_LOCAL_SIGNIN: "true", CHARGEBACK_RUNTIME: "local", NODE_ENV: "production" }).localSignIn).toBe(true);
  });

  it.each([
    [{ CHARGEBACK_LOCAL_SIGNIN: "1" }, /CHARGEBACK_SESSION_SECRET is required/],
    [{ CHARGEBACK_SESSION_SECRET: "short", CHARGEBACK_LOCAL_SIGNIN: "1" }, /at least 32 characters/],
    [
      { ...SECRET, CHARGEBACK_LOCAL_SIGNIN: "1", NODE_ENV: "production" },
      /refusing to start: local persona sign-in \(CHARGEBACK_LOCAL_SIGNIN\) is for workstations, never production/,
    ],
    [{ ...SECRET, ...ENTRA, CHARGEBACK_LOCAL_SIGNIN: "1", NODE_ENV: "production" }, /is for workstations, never production/],
    [{ ...SECRET, NODE_ENV: "development" }, /no way to sign in/],
    [
      { ...SECRET, CHARGEBACK_ENTRA_TENANT_ID: ENTRA.CHARGEBACK_ENTRA_TENANT_ID },
      /needs CHARGEBACK_ENTRA_TENANT_ID, CHARGEBACK_ENTRA_CLIENT_ID and CHARGEBACK_ENTRA_CLIENT_SECRET together/,
    ],
    [{ ...SECRET, ...ENTRA, CHARGEBACK_PUBLIC_URL: undefined }, /needs CHARGEBACK_PUBLIC_URL/],
    [{ ...SECRET, ...ENTRA, CHARGEBACK_ENTRA_TENANT_ID: "contoso" }, /CHARGEBACK_ENTRA_TENANT_ID must be a GUID/],
    [{ ...SECRET, CHARGEBACK_LOCAL_SIGNIN: "yes" }, /CHARGEBACK_LOCAL_SIGNIN must be 1, true, 0 or false/],
  ])("refuse %j", (env, message) => {
    expect(() => loadWebConfig(env as NodeJS.ProcessEnv)).toThrow(message);
  });
});
