import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { lookUpApps } from "../../../lib/identity/graphDirectory";
import { syncDirectory } from "../../../lib/identity/syncDirectory";
import { runCli } from "../../support/cli";
import { startGraphStandIn, type GraphStandIn } from "../../support/graphStandIn";
import { ingestLines, v1Event } from "../../support/ingest";
import { freshStore } from "../../support/store";

const CHATBOT = "11111111-aaaa-4bbb-8ccc-000000000001";
const FUNCTION_MI = "11111111-aaaa-4bbb-8ccc-000000000002";
const FABRIKAM = "11111111-aaaa-4bbb-8ccc-000000000003";
const DELETED = "11111111-aaaa-4bbb-8ccc-0000000000ff";

let graph: GraphStandIn | undefined;
afterEach(async () => graph?.close());

const noToken = { getAccessToken: async () => "" };

describe("the app directory from Microsoft Graph", () => {
  it("names apps from their service principals, marks unknown ids, and asks again after a throttled answer", async () => {
    graph = await startGraphStandIn({ throttleFirstBatch: true, throttleOnce: [FUNCTION_MI] });
    const { store } = freshStore();
    await ingestLines(
      store,
      [CHATBOT, FUNCTION_MI, FABRIKAM, DELETED].map((appId, i) => v1Event({ requestId: `r${i}`, appId })),
    );
    const waits: number[] = [];
    const summary = await syncDirectory(
      store,
      (ids) => lookUpApps(ids, { baseUrl: graph!.url, authProvider: noToken, sleep: async (ms) => void waits.push(ms) }),
      { now: 1_000 },
    );

    expect(summary).toEqual({ apps: 4, checked: 4, found: 3, unknown: 1, keptNames: 0, notReached: 0 });
    expect(waits).toEqual([2000]); // the inner 429's Retry-After, in ms
    const entries = await store.listDirectoryEntries();
    expect(entries.find((e) => e.appId === CHATBOT)).toMatchObject({
      status: "found",
      displayName: "Contoso Support Chatbot",
      servicePrincipalType: "Application",
      owners: [{ id: "5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c", displayName: "Gus Lead", userPrincipalName: "gus@contoso.example" }],
    });
    expect(entries.find((e) => e.appId === FUNCTION_MI)).toMatchObject({ status: "found", servicePrincipalType: "ManagedIdentity", owners: [] });
    expect(entries.find((e) => e.appId === FABRIKAM)).toMatchObject({ appOwnerOrganizationId: "72f988bf-86f1-41af-91ab-2d7cd011db47" });
    expect(entries.find((e) => e.appId === DELETED)).toEqual({ appId: DELETED, status: "unknown", syncedAt: 1_000 });
    expect((await store.listApps()).find((a) => a.appId === CHATBOT)?.displayName).toBe("Contoso Support Chatbot");

    // Within the refresh interval nothing is asked again; after it, everything is.
    expect(await syncDirectory(store, () => Promise.reject(new Error("not called")), { now: 2_000, refreshAfterMs: 10_000 })).toMatchObject({ checked: 0 });
    expect(
      (await syncDirectory(store, (ids) => lookUpApps(ids, { baseUrl: graph!.url, authProvider: noToken }), { now: 20_000, refreshAfterMs: 10_000 })).checked,
    ).toBe(4);
  });

  it("asks at most 20 ids per $batch", async () => {
    graph = await startGraphStandIn();
    const ids = Array.from({ length: 45 }, (_, i) => `22222222-aaaa-4bbb-8ccc-${String(i).padStart(12, "0")}`);
    const entries = await lookUpApps(ids, { baseUrl: graph.url, authProvider: noToken });
    expect(graph.batchSizes).toEqual([20, 20, 5]);
    expect(entries.every((e) => e.status === "unknown")).toBe(true);
  });

  it("`chargeback apps sync` reports what it did, and says Graph is away in one line without changing anything", async () => {
    graph = await startGraphStandIn();
    const { file, store } = freshStore();
    await ingestLines(store, [v1Event({ requestId: "x", appId: CHATBOT })]);
    await store.close();
    // Asynchronous: the stand-in answers from this process, which a synchronous spawn would block.
    const bin = path.resolve(__dirname, "..", "..", "..", "bin", "chargeback.js");
    const { stdout } = await promisify(execFile)(process.execPath, [bin, "apps", "sync", "--db", `file:${file}`], {
      env: { ...process.env, CHARGEBACK_GRAPH_URL: graph.url },
    });
    expect(JSON.parse(stdout)).toEqual({ apps: 1, checked: 1, found: 1, unknown: 0, keptNames: 0, notReached: 0 });
    const away = await runCli(["apps", "sync", "--refresh-hours", "0"], { db: file, env: { CHARGEBACK_GRAPH_URL: "http://127.0.0.1:9/" } });
    expect(away.status).toBe(1);
    expect(away.stderr).toMatch(
      /^chargeback: Microsoft Graph at http:\/\/127\.0\.0\.1:9\/ did not answer \(.+\); nothing changed, names fill in at the next sync\n$/,
    );
  });
});
