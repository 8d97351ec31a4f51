import { afterEach, describe, expect, it } from "vitest";
import { lookUpApps } from "../../../lib/identity/graphDirectory";
import { syncDirectory } from "../../../lib/identity/syncDirectory";
import { runCli } from "../../support/cli";
import { startGraphStandIn, type GraphStandIn } from "../../support/graphStandIn";
import { ingestLines, v1Event } from "../../support/ingest";
import { freshStore } from "../../support/store";

const CHATBOT = "11111111-aaaa-4bbb-8ccc-000000000001";
const FUNCTION_MI = "11111111-aaaa-4bbb-8ccc-000000000002";

let graph: GraphStandIn | undefined;
afterEach(async () => graph?.close());

const noToken = { getAccessToken: async () => "" };

describe("Microsoft Graph misbehaving", () => {
  it("a Graph that accepts and never answers: the lookup gives up after its timeout instead of hanging", async () => {
    graph = await startGraphStandIn({ hang: true });
    const started = Date.now();
    await expect(lookUpApps([CHATBOT], { baseUrl: graph.url, authProvider: noToken, timeoutMs: 500 })).rejects.toThrow(/no answer within 0.5 s/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("Retry-After: 3600 is waited for at most a minute", async () => {
    graph = await startGraphStandIn({ throttleOnce: [CHATBOT], retryAfter: "3600" });
    const waits: number[] = [];
    await lookUpApps([CHATBOT], { baseUrl: graph.url, authProvider: noToken, sleep: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([60_000]);
  });

  it("a 404 for an app Graph named before keeps its name: one answer does not unname a known app", async () => {
    const { store } = freshStore();
    await ingestLines(store, [v1Event({ requestId: "a", appId: CHATBOT })]);
    graph = await startGraphStandIn();
    const lookUp = (ids: string[]) => lookUpApps(ids, { baseUrl: graph!.url, authProvider: noToken });
    await syncDirectory(store, lookUp, { now: 1_000 });
    await graph.close();
    graph = await startGraphStandIn({ notFound: true });
    expect(await syncDirectory(store, lookUp, { now: 100_000_000 })).toMatchObject({ found: 0, unknown: 0, keptNames: 1 });
    expect(await store.listDirectoryEntries()).toMatchObject([{ appId: CHATBOT, status: "found", displayName: "Contoso Support Chatbot", syncedAt: 1_000 }]);
  });

  it("`apps sync` exits non-zero when some lookups never got through, and names the HTTP status of an empty error", async () => {
    const { file, store } = freshStore();
    await ingestLines(
      store,
      [CHATBOT, FUNCTION_MI].map((appId, i) => v1Event({ requestId: `r${i}`, appId })),
    );
    await store.close();
    graph = await startGraphStandIn({ throttleAlways: [FUNCTION_MI], retryAfter: "1" });
    const partial = await runCli(["apps", "sync"], { db: file, env: { CHARGEBACK_GRAPH_URL: graph.url } });
    expect(JSON.parse(partial.stdout)).toEqual({ apps: 2, checked: 2, found: 1, unknown: 0, keptNames: 0, notReached: 1 });
    expect(partial.stderr).toBe("chargeback: 1 app id could not be looked up (Graph kept throttling or failing); run `chargeback apps sync` again later\n");
    expect(partial.status).toBe(3);
    await graph.close();

    graph = await startGraphStandIn({ batchStatus: 500 });
    const failed = await runCli(["apps", "sync", "--refresh-hours", "0"], { db: file, env: { CHARGEBACK_GRAPH_URL: graph.url } });
    expect(failed.stderr).not.toContain("()");
    expect(failed.stderr).toMatch(/did not answer \(HTTP 500\); nothing changed/);
    expect(failed.status).toBe(1);
  });
});
