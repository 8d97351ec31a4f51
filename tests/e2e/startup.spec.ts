import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { db, ENTRA_STAND_IN, entraStandIn, root } from "./personas";

const PORT = 3199;

/** The built web app as production runs it: `next start` is always NODE_ENV=production. */
/** A production start with the demo store, signing in with the Entra stand-in only, at this public URL. */
function withEntraOnly(publicUrl: string): Record<string, string> {
  const tenant = entraStandIn();
  return {
    CHARGEBACK_DATABASE_URL: db,
    CHARGEBACK_SESSION_SECRET: "p".repeat(40),
    CHARGEBACK_PUBLIC_URL: publicUrl,
    CHARGEBACK_ENTRA_AUTHORITY: ENTRA_STAND_IN,
    CHARGEBACK_ENTRA_TENANT_ID: tenant.tenantId,
    CHARGEBACK_ENTRA_CLIENT_ID: tenant.clientId,
    CHARGEBACK_ENTRA_CLIENT_SECRET: tenant.clientSecret,
  };
}

function nextStart(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      CHARGEBACK_DATABASE_URL: "file:/nonexistent/never-opened.db",
      ...env,
    },
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d));
  child.stderr?.on("data", (d: Buffer) => (output += d));
  return { child, output: () => output };
}

/** Starts the app with `env` and waits for it to exit (serving is a failure here). */
function refusedStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const { child, output } = nextStart(env);
  const timer = setTimeout(() => child.kill(), 30_000);
  return new Promise((resolve) => child.on("exit", (code) => (clearTimeout(timer), resolve({ code, output: output() }))));
}

test("the web app refuses to start with persona sign-in in production, and without a session secret", async () => {
  const secret = { CHARGEBACK_SESSION_SECRET: "s".repeat(40) };
  const refused = await refusedStart({ ...secret, CHARGEBACK_LOCAL_SIGNIN: "1" });
  expect(refused.code).toBe(1);
  expect(refused.output).toContain("chargeback web: refusing to start: local persona sign-in (CHARGEBACK_LOCAL_SIGNIN) is for workstations, never production");

  const noSecret = await refusedStart({ CHARGEBACK_LOCAL_SIGNIN: "1", CHARGEBACK_RUNTIME: "local" });
  expect(noSecret.code).toBe(1);
  expect(noSecret.output).toContain("CHARGEBACK_SESSION_SECRET is required");
  expect(noSecret.output).not.toMatch(/\n\s+at /);
});

// Issue 24 item 5: CHARGEBACK_RUNTIME=local used to make `next start` serve every persona.
test("plain `next start` refuses persona sign-in whatever the variables claim; only `npm start` serves personas", async () => {
  const refused = await refusedStart({
    CHARGEBACK_SESSION_SECRET: "s".repeat(40),
    CHARGEBACK_LOCAL_SIGNIN: "1",
    CHARGEBACK_RUNTIME: "local",
    NODE_ENV: "development",
  });
  expect(refused.code).toBe(1);
  expect(refused.output).toContain("only `npm start` serves it, on 127.0.0.1");
  expect(refused.output).not.toMatch(/\n\s+at /);
});

test("in production with Entra ID only, sign-in goes straight to the tenant", async ({ playwright }) => {
  const { child } = nextStart(withEntraOnly(`http://127.0.0.1:${PORT}`));
  try {
    const api = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${PORT}` });
    await expect(async () => expect((await api.get("/api/me")).status()).toBe(401)).toPass({ timeout: 30_000 });
    const signIn = await api.get("/signin?next=/admin/owners", { maxRedirects: 0 });
    expect(signIn.status()).toBe(307);
    expect(signIn.headers().location).toBe("/api/auth/entra/login?next=%2Fadmin%2Fowners");
    const toTenant = await api.get(signIn.headers().location ?? "", { maxRedirects: 0 });
    expect(toTenant.headers().location).toContain(`${ENTRA_STAND_IN}/${entraStandIn().tenantId}/oauth2/v2.0/authorize?`);
    await api.dispose();
  } finally {
    child.kill();
  }
});

// Issue 24 item 6: over HTTPS, HSTS and `__Host-` cookies (browsers then take them only Secure, for this host).
test("a site whose public URL is https sends HSTS and sets __Host- cookies", async ({ playwright }) => {
  const { child } = nextStart(withEntraOnly("https://chargeback.contoso.example"));
  try {
    const api = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${PORT}` });
    await expect(async () => expect((await api.get("/api/me")).status()).toBe(401)).toPass({ timeout: 30_000 });
    const signIn = await api.get("/signin", { maxRedirects: 0 });
    expect(signIn.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
    const login = await api.get("/api/auth/entra/login", { maxRedirects: 0 });
    expect(login.headers()["set-cookie"]).toMatch(/^__Host-chargeback_signin=[^;]+;.*Path=\/;.*Secure/i);
    await api.dispose();
  } finally {
    child.kill();
  }
});
