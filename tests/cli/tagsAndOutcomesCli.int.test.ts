import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { json, runCli } from "../support/cli";
import { v1Event } from "../support/ingest";
import { SNAPSHOT_FILES } from "../support/retailPrices";
import { freshStore } from "../support/store";

type Report = { total: string; unpriced: { requests: number }; calls: { failed: number; usageUnknown: number; apps: Record<string, unknown>[] } };
type ByValue = { total: string; rows: { value: string; name: string; cost: string; requests: number }[] };
const cents = (amount: string) => Math.round(Number(amount) * 100);
const NO_USAGE = { promptTokens: undefined, completionTokens: undefined, totalTokens: undefined, cachedTokens: undefined, reasoningTokens: undefined };

describe("chargeback ingest and report: tags, end users and call outcomes", () => {
  it("prices billed usage only, counts usage unknown, and breaks the month down by tag and end user to the cent", async () => {
    const { dir, file: db } = freshStore();
    const write = (name: string, text: string) => (fs.writeFileSync(path.join(dir, name), text), path.join(dir, name));
    expect((await runCli(["prices", "import", ...SNAPSHOT_FILES], { db })).status).toBe(0);
    await runCli(["deployments", "import", write("d.csv", "deployment,model,region,sku\nchat,gpt-4o-2024-08-06,eastus2,GlobalStandard\n")], { db });
    await runCli(
      ["org", "import", write("org.csv", "appId,costCenter,businessUnit,validFrom,validTo\napp-1,CC-1,Retail,2026-01-01,\napp-2,CC-2,Bank,2026-01-01,\n")],
      { db },
    );

    const ok = [
      v1Event({ requestId: "a", deployment: "chat", status: 200, tags: { Project: "apollo" }, endUser: "alice" }),
      v1Event({ requestId: "b", deployment: "chat", status: 200, promptTokens: 3000, totalTokens: 3100, tags: { project: "hermes", "bad key": "x" } }),
      v1Event({ requestId: "c", deployment: "chat", status: 200, appId: "app-2", promptTokens: 777, totalTokens: 877 }),
    ];
    const first = await runCli(["ingest", write("ok.ndjson", `${ok.join("\n")}\n`)], { db });
    expect(json(first)).toEqual({ accepted: 3, duplicates: 0, quarantined: 0, unpriced: 0, notBilled: 0, usageUnknown: 0, warnings: 1 });
    const before = json<Report>(await runCli(["report", "--month", "2026-11", "--by", "app"], { db }));
    expect(cents(before.total)).toBeGreaterThan(0);

    const failed = [
      v1Event({ requestId: "t", deployment: "chat", status: 429, promptTokens: 5000, totalTokens: 5100 }), // throttled: never billed
      v1Event({ requestId: "f", deployment: "chat", status: 400, errorCode: "content_filter", ...NO_USAGE }), // billed, usage unknown
      v1Event({ requestId: "e", deployment: "chat", status: 401, ...NO_USAGE }), // never reached a model
      v1Event({ requestId: "x", deployment: "chat", status: 200, streamed: true, errorCode: "client_disconnect", ...NO_USAGE, tags: { project: "apollo" } }),
      v1Event({ requestId: "o", deployment: "chat", status: 504, appId: "app-2", ...NO_USAGE }),
    ];
    const second = await runCli(["ingest", write("failed.ndjson", `${failed.join("\n")}\n`)], { db });
    expect(json(second)).toEqual({ accepted: 5, duplicates: 0, quarantined: 0, unpriced: 0, notBilled: 2, usageUnknown: 3, warnings: 0 });

    const after = json<Report>(await runCli(["report", "--month", "2026-11", "--by", "app"], { db }));
    expect(after.total).toBe(before.total); // the 429's tokens and the calls without usage cost nothing
    expect(after.calls).toEqual({
      requests: 8,
      failed: 5,
      usageUnknown: 3,
      apps: [
        { appId: "app-1", name: "app-1", requests: 6, usageUnknown: 2, ok: 2, throttled: 1, filtered: 1, error: 1, cutOff: 1, timeout: 0 },
        { appId: "app-2", name: "app-2", requests: 2, usageUnknown: 1, ok: 1, throttled: 0, filtered: 0, error: 0, cutOff: 0, timeout: 1 },
      ],
    });

    const byProject = json<ByValue>(await runCli(["report", "--month", "2026-11", "--by", "tag:project"], { db }));
    expect(byProject.total).toBe(after.total);
    expect(byProject.rows.map((r) => [r.name, r.requests])).toEqual(
      expect.arrayContaining([
        ["apollo", 1],
        ["hermes", 1],
        ["(untagged)", 1],
      ]),
    );
    expect(byProject.rows.reduce((n, r) => n + cents(r.cost), 0)).toBe(cents(after.total));
    expect(cents(byProject.rows.find((r) => r.value === "hermes")!.cost)).toBeGreaterThan(cents(byProject.rows.find((r) => r.value === "apollo")!.cost));

    const byUser = json<ByValue>(await runCli(["report", "--month", "2026-11", "--by", "end-user", "--format", "json"], { db }));
    expect(byUser.rows.map((r) => r.name).sort()).toEqual(["(no end user)", "alice"]);
    expect(byUser.rows.reduce((n, r) => n + cents(r.cost), 0)).toBe(cents(after.total));

    const bad = await runCli(["report", "--month", "2026-11", "--by", "tag:"], { db });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("tag:<key> or end-user");
  });
});
