import { afterEach, describe, expect, it } from "vitest";
import { type ArmStandIn, startArmStandIn } from "../../support/armStandIn";
import { runCli } from "../../support/cli";
import { ingestLines, v1Event } from "../../support/ingest";
import { freshStore } from "../../support/store";

// A recorded Azure Monitor Logs answer (POST /v1/workspaces/{id}/query) to the token-metric query.
const ANSWER = {
  tables: [
    {
      name: "PrimaryResult",
      columns: [
        { name: "appId", type: "string" },
        { name: "day", type: "string" },
        { name: "tokens", type: "real" },
      ],
      rows: [
        ["app-1", "2026-11-02", 3300], // 3 events of 1,100 tokens: all ingested
        ["app-1", "2026-11-03", 4400], // 4 on the metric, 1 ingested: the hub dropped 3
        ["app-2", "2026-11-03", 1100], // none ingested
      ],
    },
  ],
};

let server: ArmStandIn | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const events = (appId: string, day: string, n: number) =>
  Array.from({ length: n }, (_, i) => v1Event({ requestId: `${appId}-${day}-${i}`, appId, time: `${day}T08:00:00Z` }));

describe("chargeback completeness", () => {
  it("flags the days where ingested events fall short of the gateway's token metric, and exits 3", async () => {
    const { store, file: db } = freshStore();
    await ingestLines(store, [...events("app-1", "2026-11-02", 3), ...events("app-1", "2026-11-03", 1), ...events("app-3", "2026-11-04", 1)]);
    server = await startArmStandIn({ "/v1/workspaces/ws-1/query": ANSWER });
    const result = await runCli(["completeness", "--month", "2026-11", "--workspace", "ws-1"], {
      db,
      env: { CHARGEBACK_LOGS_URL: server.url, NODE_EXTRA_CA_CERTS: server.caFile },
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(3);
    expect(JSON.parse(result.stdout)).toEqual({
      month: "2026-11",
      workspace: "ws-1",
      flagged: 3,
      rows: [
        { day: "2026-11-02", appId: "app-1", metricTokens: 3300, eventTokens: 3300, missingTokens: 0, missingPercent: "0.0", flag: "ok" },
        { day: "2026-11-03", appId: "app-1", metricTokens: 4400, eventTokens: 1100, missingTokens: 3300, missingPercent: "75.0", flag: "events missing" },
        { day: "2026-11-03", appId: "app-2", metricTokens: 1100, eventTokens: 0, missingTokens: 1100, missingPercent: "100.0", flag: "events missing" },
        { day: "2026-11-04", appId: "app-3", metricTokens: 0, eventTokens: 1100, missingTokens: 0, missingPercent: "0.0", flag: "metric missing" },
      ],
    });
    expect(server.requests).toEqual(["POST /v1/workspaces/ws-1/query"]);
  });

  it("says in one line when the logs cannot be queried", async () => {
    const { file: db } = freshStore();
    server = await startArmStandIn(
      {},
      {
        "/v1/workspaces/ws-1/query": {
          status: 403,
          body: { error: { code: "InsufficientAccessError", message: "The provided credentials have insufficient access." } },
        },
      },
    );
    const result = await runCli(["completeness", "--month", "2026-11", "--workspace", "ws-1"], {
      db,
      env: { CHARGEBACK_LOGS_URL: server.url, NODE_EXTRA_CA_CERTS: server.caFile },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^chargeback: Azure Monitor Logs query failed: [^\n]*insufficient access[^\n]*\n$/);
  });
});
