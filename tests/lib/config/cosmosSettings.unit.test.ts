import { describe, expect, it } from "vitest";
import { loadConfig as loadConfigFrom } from "../../../lib/config/schema";

describe("CHARGEBACK_STORE=cosmos settings", () => {
  const env = { CHARGEBACK_STORE: "cosmos" };
  const loadConfig = (vars: Record<string, string>) => loadConfigFrom(vars as NodeJS.ProcessEnv);

  it("refuses an account key for an endpoint that is not on loopback, naming the setting", () => {
    expect(() => loadConfig({ ...env, CHARGEBACK_COSMOS_ENDPOINT: "https://contoso.documents.azure.com:443/", CHARGEBACK_COSMOS_KEY: "abc" })).toThrow(
      "invalid configuration: CHARGEBACK_COSMOS_KEY: is accepted only for a test server on loopback, not for contoso.documents.azure.com: production signs in with Entra ID (DefaultAzureCredential), so unset the key",
    );
  });

  it("names a missing or malformed endpoint and accepts Entra ID or a loopback key", () => {
    expect(() => loadConfig(env)).toThrow("invalid configuration: CHARGEBACK_COSMOS_ENDPOINT: is required when CHARGEBACK_STORE=cosmos");
    expect(() => loadConfig({ ...env, CHARGEBACK_COSMOS_ENDPOINT: "contoso" })).toThrow(
      /^invalid configuration: CHARGEBACK_COSMOS_ENDPOINT: must be an http\(s\) URL/,
    );
    expect(() => loadConfig({ CHARGEBACK_STORE: "mongo" })).toThrow("invalid configuration: CHARGEBACK_STORE: must be sqlite or cosmos");
    const entra = loadConfig({ ...env, CHARGEBACK_COSMOS_ENDPOINT: "https://contoso.documents.azure.com:443/" });
    expect([entra.CHARGEBACK_COSMOS_DATABASE, entra.CHARGEBACK_COSMOS_KEY]).toEqual(["chargeback", undefined]);
    for (const host of ["127.0.0.1:8081", "localhost:8081", "[::1]:8081"]) {
      expect(loadConfig({ ...env, CHARGEBACK_COSMOS_ENDPOINT: `https://${host}/`, CHARGEBACK_COSMOS_KEY: "test" })).toMatchObject({
        CHARGEBACK_STORE: "cosmos",
        CHARGEBACK_COSMOS_KEY: "test",
      });
    }
    expect(() => loadConfig({ ...env, CHARGEBACK_COSMOS_ENDPOINT: "https://127.0.0.1.nip.io/", CHARGEBACK_COSMOS_KEY: "test" })).toThrow(
      /CHARGEBACK_COSMOS_KEY: is accepted only for a test server on loopback/,
    );
  });
});
