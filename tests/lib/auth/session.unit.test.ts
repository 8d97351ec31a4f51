import { describe, expect, it } from "vitest";
import { Principal } from "../../../lib/auth/principal";
import { seal, sessionCookieName, unseal } from "../../../lib/auth/session";

const SECRET = "a-test-secret-that-is-long-enough-0123456789";
const fiona: Principal = { id: "0a6a3c1e-7f5b-4d2c-8e9a-1b2c3d4e5f60", name: "Fiona", roles: ["finance"], groups: [], method: "entra" };

describe("sealed session cookies", () => {
  it("open to the principal they were sealed with, and hide it from whoever holds the cookie", async () => {
    const token = await seal(fiona, SECRET, "session", 60);
    expect(token).not.toContain("Fiona");
    expect(Buffer.from(token.split(".")[3] ?? "", "base64url").toString()).not.toContain("finance");
    expect(await unseal(token, SECRET, "session", Principal)).toEqual(fiona);
  });

  it.each([
    ["a tampered cookie", async (t: string) => [`${t.slice(0, -3)}${t.endsWith("AAA") ? "BBB" : "AAA"}`, SECRET, "session"] as const],
    ["another server's secret", async (t: string) => [t, `${SECRET}-other`, "session"] as const],
    ["a value sealed for another purpose", async (t: string) => [t, SECRET, "entra-sign-in"] as const],
    ["no cookie at all", async () => [undefined, SECRET, "session"] as const],
  ])("refuse %s", async (_name, alter) => {
    const [token, secret, purpose] = await alter(await seal(fiona, SECRET, "session", 60));
    expect(await unseal(token, secret, purpose, Principal)).toBeNull();
  });

  it("refuse an expired session and a payload that is not a principal", async () => {
    expect(await unseal(await seal(fiona, SECRET, "session", -1), SECRET, "session", Principal)).toBeNull();
    expect(await unseal(await seal({ id: "x" }, SECRET, "session", 60), SECRET, "session", Principal)).toBeNull();
  });

  it("are named __Host- over HTTPS, so a browser keeps them only Secure, host-only and for the whole site", () => {
    expect(sessionCookieName(true)).toBe("__Host-chargeback_session");
    expect(sessionCookieName(false)).toBe("chargeback_session");
  });

  it("refuse, given a lifetime cap, a cookie sealed to outlive it or sealed longer ago", async () => {
    const limit = { maxAgeSeconds: 3600, at: Date.now() };
    expect(await unseal(await seal(fiona, SECRET, "session", 3600), SECRET, "session", Principal, limit)).toEqual(fiona);
    expect(await unseal(await seal(fiona, SECRET, "session", 10 * 365 * 86400), SECRET, "session", Principal, limit)).toBeNull();
    expect(await unseal(await seal(fiona, SECRET, "session", 3600), SECRET, "session", Principal, { ...limit, at: limit.at + 3601_000 })).toBeNull();
  });
});
