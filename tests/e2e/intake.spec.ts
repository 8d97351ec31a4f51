import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import type { ChargebackReport } from "../../lib/reports/getChargebackReport";
import { v1Event } from "../support/ingest";
import { cli, currentMonth, ENTRA_STAND_IN, entraStandIn, now, PERSONAS, signInAs, UNIT_A } from "./personas";
import { itemAt } from "../../lib/core/arrays";

const event = (appId: string, requestId: string) => JSON.parse(v1Event({ requestId, appId, time: new Date(now()).toISOString() })) as Record<string, unknown>;

/** The seed APIM policy's shape carries no request id: its identity comes from the request itself. */
function seedPolicyEvent(appId: string) {
  const at = new Date(now());
  const pad = (n: number) => String(n).padStart(2, "0");
  const hours = at.getUTCHours() % 12 || 12;
  return {
    "event-time": `${at.getUTCMonth() + 1}/${at.getUTCDate()}/${at.getUTCFullYear()} ${hours}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} ${at.getUTCHours() < 12 ? "AM" : "PM"}`,
    appid: appId,
    operation: "chat.completion",
    model: "gpt-4o-2024-08-06",
    modeltime: "120",
    completion_tokens: "100",
    prompt_tokens: "1000",
    total_tokens: "1100",
  };
}

test("the HTTP intake takes events only with an ingest key, through the same pipeline as `chargeback ingest`", async ({ browser, playwright }) => {
  const { key, id } = JSON.parse(cli("ingest-keys", "create", "apim-test")) as { key: string; id: string };
  const baseURL = test.info().project.use.baseURL;
  const anonymous = await playwright.request.newContext({ baseURL });
  const withKey = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${key}` } });
  const finance = await browser.newContext();
  await signInAs(await finance.newPage(), PERSONAS.finance);
  const unitRequests = async () => {
    const report = (await (
      await finance.request.get(`/api/v1/reports/chargeback?month=${currentMonth()}&businessUnit=${encodeURIComponent(UNIT_A)}`)
    ).json()) as ChargebackReport;
    return report.rows[0]?.requests ?? 0;
  };
  // An app of the test's own in unit A, so no other test's mapping change moves its usage.
  const runId = Date.now().toString(36);
  const appId = `intake-${runId}`;
  const costCenter = itemAt(
    (
      (await (
        await finance.request.get(`/api/v1/reports/chargeback?month=${currentMonth()}&by=cost-center&businessUnit=${encodeURIComponent(UNIT_A)}`)
      ).json()) as ChargebackReport
    ).rows,
    0,
  ).key;
  const mapping = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "intake-")), "org.csv");
  fs.writeFileSync(mapping, `appId,costCenter,businessUnit,validFrom\n${appId},${costCenter},${UNIT_A},2020-01-01\n`);
  cli("org", "import", mapping);

  // A user's session is not an ingest credential, and an ingest key is not a user's session.
  const batch = [event(appId, `${runId}-1`), event(appId, `${runId}-2`), seedPolicyEvent(appId), { ...event(appId, `${runId}-4`), promptTokens: -5 }];
  expect((await finance.request.post("/api/v1/events", { data: batch })).status()).toBe(401);
  const noKey = await anonymous.post("/api/v1/events", { data: batch });
  expect(noKey.status()).toBe(401);
  expect(noKey.headers()["www-authenticate"]).toContain("Bearer");
  expect((await anonymous.post("/api/v1/events", { data: batch, headers: { authorization: `Bearer ${key.slice(0, -2)}xx` } })).status()).toBe(401);
  expect((await withKey.get(`/api/v1/reports/chargeback?month=${currentMonth()}`)).status()).toBe(401);
  expect((await withKey.get("/api/me")).status()).toBe(401);

  const before = await unitRequests();
  const first = await withKey.post("/api/v1/events", { data: batch });
  expect(first.status()).toBe(200);
  expect(await first.json()).toEqual({ accepted: 3, duplicates: 0, quarantined: 1, unpriced: 0, notBilled: 0, usageUnknown: 0, warnings: 0 });
  // A retry of the same request adds nothing, the request id-less event included.
  expect(await (await withKey.post("/api/v1/events", { data: batch })).json()).toEqual({
    accepted: 0,
    duplicates: 4,
    quarantined: 0,
    unpriced: 0,
    notBilled: 0,
    usageUnknown: 0,
    warnings: 0,
  });
  expect(await unitRequests()).toBe(before + 3);
  const kept = JSON.parse(cli("quarantine", "list", "--format", "json")) as { source: string; reason: string }[];
  expect(kept.find((q) => q.source === "http:apim-test#4")?.reason).toContain("promptTokens");

  const ndjson = `${JSON.stringify(event(appId, `${runId}-5`))}\n${JSON.stringify(event(appId, `${runId}-6`))}\n`;
  const lines = await withKey.post("/api/v1/events", { data: Buffer.from(ndjson), headers: { "content-type": "application/x-ndjson" } });
  expect(await lines.json()).toEqual({ accepted: 2, duplicates: 0, quarantined: 0, unpriced: 0, notBilled: 0, usageUnknown: 0, warnings: 0 });

  // Requests that cannot be read are refused whole, with the reason.
  const refused = async (data: string, contentType: string) => {
    const response = await withKey.post("/api/v1/events", { data: Buffer.from(data), headers: { "content-type": contentType } });
    return [response.status(), ((await response.json()) as { error: string }).error];
  };
  expect(await refused("{not json", "application/json")).toEqual([400, expect.stringContaining("the body is not JSON")]);
  expect(await refused("42", "application/json")).toEqual([400, "the body must be an event object or an array of events"]);
  expect(await refused("hello", "text/plain")).toEqual([415, expect.stringContaining("Content-Type must be application/json")]);
  // An oversized body (413) is refused before it is read, so a client still writing it may get a
  // broken pipe instead of the answer: requestLimits.spec.ts checks it with a client that reads.

  // A revoked key stops working at once.
  cli("ingest-keys", "revoke", id);
  expect((await withKey.post("/api/v1/events", { data: batch })).status()).toBe(401);
  await Promise.all([anonymous.dispose(), withKey.dispose(), finance.close()]);
});

test("a gateway with the Chargeback.Ingest role sends events with its Entra ID token; without the role, for another audience, or for another app's usage, it cannot", async ({
  playwright,
}) => {
  const tenant = entraStandIn();
  const tokenFor = async (client: { clientId: string; clientSecret: string }, audience = tenant.ingestAudience) => {
    const response = await fetch(`${ENTRA_STAND_IN}/${tenant.tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: client.clientId,
        client_secret: client.clientSecret,
        scope: `${audience}/.default`,
      }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  };
  const sender = tenant.clients.find((c) => tenant.gateways.includes(c.clientId))!;
  const roleless = tenant.clients.find((c) => c.roles.length === 0)!;
  const teamApp = tenant.clients.find((c) => c.roles.length > 0 && !tenant.gateways.includes(c.clientId))!;
  const baseURL = test.info().project.use.baseURL;
  const post = async (token: string, appId = "entra-app") => {
    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    const response = await api.post("/api/v1/events", { data: [event(appId, `entra-${Date.now().toString(36)}-${appId}`)] });
    const result = { status: response.status(), body: await response.json() };
    await api.dispose();
    return result;
  };
  expect(await post(await tokenFor(sender))).toEqual({
    status: 200,
    body: { accepted: 1, duplicates: 0, quarantined: 0, unpriced: 0, notBilled: 0, usageUnknown: 0, warnings: 0 },
  });
  expect((await post(await tokenFor(roleless))).status).toBe(401);
  expect((await post(await tokenFor(sender, "api://something-else"))).status).toBe(401);
  expect((await post("not.a.jwt")).status).toBe(401);
  // An app that is not a gateway reports its own usage only: it cannot bill another app's unit.
  expect((await post(await tokenFor(teamApp), teamApp.clientId)).status).toBe(200);
  const foreign = await post(await tokenFor(teamApp), "someone-else");
  expect(foreign.status).toBe(403);
  expect(foreign.body.error).toContain("may report only its own usage");
});
