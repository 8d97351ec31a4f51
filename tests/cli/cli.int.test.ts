import { now } from "../../lib/core/clock";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { json, runCli } from "../support/cli";
import { seedEvent, v1Event } from "../support/ingest";
import { SNAPSHOT_FILES } from "../support/retailPrices";
import { freshStore } from "../support/store";

function workspace() {
  const { dir, file } = freshStore();
  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  return { dir, db: file, write };
}

const ONE_LINE_ERROR = /^chargeback: [^\n]+\n$/;

describe("the chargeback CLI", () => {
  it("imports, ingests and reports end to end, and re-running changes nothing", async () => {
    const { db, write } = workspace();
    expect(json(await runCli(["prices", "import", ...SNAPSHOT_FILES], { db }))).toMatchObject({ items: 4285, added: 4285 });
    const deployments = write("deployments.csv", "deployment,model,region,sku\n*,,eastus2,GlobalStandard\nchat,gpt-4o-2024-08-06,eastus2,DataZoneStandard\n");
    expect(json(await runCli(["deployments", "import", deployments], { db }))).toEqual({ added: 2, changed: 0, unchanged: 0 });
    const org = write("org.csv", "appId,costCenter,businessUnit,validFrom,validTo\napp-1,CC-1,Retail,2026-01-01,\n");
    expect(json(await runCli(["org", "import", org], { db }))).toEqual({ added: 1, changed: 0, unchanged: 0 });
    expect(json(await runCli(["org", "import", org], { db }))).toEqual({ added: 0, changed: 0, unchanged: 1 });

    const lines = [...Array.from({ length: 1000 }, (_, i) => v1Event({ requestId: `r${i}`, deployment: "chat" })), seedEvent({ appid: "app-2" }), "not json"];
    const events = write("events.ndjson", `${lines.join("\n")}\n`);
    expect(json(await runCli(["ingest", events], { db }))).toEqual({
      accepted: 1001,
      duplicates: 0,
      quarantined: 1,
      unpriced: 0,
      notBilled: 0,
      usageUnknown: 0,
      warnings: 0,
    });
    expect(json(await runCli(["ingest", events], { db }))).toEqual({
      accepted: 0,
      duplicates: 1002,
      quarantined: 0,
      unpriced: 0,
      notBilled: 0,
      usageUnknown: 0,
      warnings: 0,
    });
    const fromStdin = await runCli(["ingest", "-"], { db, input: `${v1Event({ requestId: "stdin-1", deployment: "chat" })}\n` });
    expect(json(fromStdin)).toEqual({ accepted: 1, duplicates: 0, quarantined: 0, unpriced: 0, notBilled: 0, usageUnknown: 0, warnings: 0 });

    const audit = (await runCli(["audit"], { db })).stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { action: string; subject: string; actor: string });
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(["prices.import", "deployments.import", "mappings.import"]));
    expect(audit.filter((e) => e.action === "mappings.import")).toHaveLength(1); // the second, identical import changed nothing
    expect(audit.every((e) => e.actor.endsWith("(cli)"))).toBe(true);

    const report = json<Record<string, unknown>>(await runCli(["report", "--month", "2026-11", "--by", "business-unit"], { db }));
    // 1001 × (1000 × $2.75/1M + 100 × $11/1M) = $3.85385; the seed event: 1000 × $0.15/1M + 100 × $0.6/1M.
    expect(report).toEqual({
      month: "2026-11",
      currency: "USD",
      closed: null,
      total: "3.85",
      listTotal: "3.85",
      rows: [
        {
          key: "Retail",
          name: "Retail",
          cost: "3.85",
          listCost: "3.85",
          requests: 1001,
          promptTokens: 1_001_000,
          cachedTokens: 0,
          completionTokens: 100_100,
          totalTokens: 1_101_100,
        },
      ],
      unmapped: { cost: "0.00", requests: 1, unallocated: "0.00", apps: [{ appId: "app-2", rule: "", cost: "0.00", requests: 1 }] },
      unpriced: { requests: 0, totalTokens: 0, reasons: [] },
      adjustments: [],
      calls: { requests: 1002, failed: 0, usageUnknown: 0, apps: [] },
    });
    const csv = await runCli(["report", "--month", "2026-11", "--by", "app", "--format", "csv", "--db", `file:${db}`]);
    expect(csv.stdout).toBe(
      "month,key,name,cost,currency,requests,promptTokens,cachedTokens,completionTokens,totalTokens,cacheWriteTokens,audioInputTokens,audioCachedTokens,audioOutputTokens,imageInputTokens,imageCachedTokens,imageOutputTokens,priorityTokens,longContextTokens\n" +
        "2026-11,app-1,app-1,3.85,USD,1001,1001000,0,100100,1101100,0,0,0,0,0,0,0,0,0\n2026-11,(unmapped),Unmapped apps,0.00,USD,1,,,,,,,,,,,,,\n",
    );

    const quarantined = json<{ reason: string; source: string }[]>(await runCli(["quarantine", "list", "--format", "json"], { db }));
    expect(quarantined).toMatchObject([{ reason: "not valid JSON", source: `${events}:1002` }]);
    expect((await runCli(["quarantine", "list"], { db })).stdout).toContain("not valid JSON");
    expect(json(await runCli(["quarantine", "replay"], { db }))).toMatchObject({ accepted: 0, stillFailing: 1 });
    expect((await runCli(["quarantine", "replay", "line:nope:0"], { db })).stderr).toBe("chargeback: not an open quarantined event: line:nope:0\n");
  });

  it.each([
    [["ingest", "/nonexistent/events.ndjson"], "chargeback: cannot read /nonexistent/events.ndjson: no such file\n"],
    [["report", "--month", "2026-13"], "chargeback: --month: month must be YYYY-MM\n"],
    [["prices", "import", "/nonexistent.json"], "chargeback: cannot read /nonexistent.json: no such file\n"],
  ])("says what is wrong in one line, without a stack trace: %j", async (args, message) => {
    const { db } = workspace();
    const result = await runCli(args, { db });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(message);
  });

  it("refuses a store it cannot use, in one line, and never creates one to read from", async () => {
    const { dir, write } = workspace();
    const missing = `${dir}/typo.db`;
    expect(await runCli(["report", "--month", "2026-11", "--db", `file:${missing}`])).toMatchObject({
      status: 1,
      stderr: `chargeback: no store at ${missing}: import or ingest something first, or check --db\n`,
    });
    expect(fs.existsSync(missing)).toBe(false);
    const notADatabase = write("notes.txt", "hello, not SQLite at all, but long enough to be read as a header.....\n");
    expect((await runCli(["report", "--month", "2026-11", "--db", `file:${notADatabase}`])).stderr).toMatch(
      /^chargeback: cannot open the store at .*notes\.txt: file is not a database\n$/,
    );
    expect((await runCli(["report", "--month", "2026-11", "--db", "file:"])).stderr).toBe('chargeback: database URL "file:" names no file\n');
  });

  it("explains bad CSV files row by row and imports none of their rows", async () => {
    const { db, write } = workspace();
    const bad = write("org.csv", "appId,costCenter,businessUnit,validFrom\napp-1,CC-1,Retail,2026-01-01\napp-2,,Retail,2026-02-30\n");
    const result = await runCli(["org", "import", bad], { db });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`chargeback: 1 invalid row, nothing imported:\n  ${bad}:3: costCenter is empty; validFrom is not a calendar date\n`);
    const columns = write("deployments.csv", "name,sku\nx,Standard\n");
    expect((await runCli(["deployments", "import", columns], { db })).stderr).toMatch(ONE_LINE_ERROR);
    const sku = write("deployments2.csv", "deployment,model,region,sku\nx,,eastus2,Premium\n");
    expect((await runCli(["deployments", "import", sku], { db })).stderr).toContain(":2: sku must be one of GlobalStandard");
    const prices = write("prices.json", '{"items": []}');
    expect((await runCli(["prices", "import", prices], { db })).stderr).toBe(
      `chargeback: ${prices}: not a Retail Prices API response (needs an "Items" array)\n`,
    );
  });

  it("rejects unknown options and choices with usage help and exit code 2", async () => {
    const { db } = workspace();
    const result = await runCli(["report", "--month", "2026-11", "--by", "galaxy"], { db });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("error: option '--by <dimension>' argument 'galaxy' is invalid");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("chargeback owners", () => {
  it("imports who owns each business unit, lists them, and refuses ids that cannot be Entra object ids", async () => {
    const { db, write } = workspace();
    const good = write(
      "owners.csv",
      "businessUnit,principalType,principalId,displayName\nRetail,user,AAAAAAAA-0000-4000-8000-000000000001,Ana\nRetail,group,bbbbbbbb-0000-4000-8000-000000000002,Leads\n",
    );
    expect(json(await runCli(["owners", "import", good], { db }))).toEqual({ added: 2, changed: 0, unchanged: 0 });
    expect(json(await runCli(["owners", "import", good], { db }))).toEqual({ added: 0, changed: 0, unchanged: 2 });
    const listed = (await runCli(["owners", "list"], { db })).stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(listed).toEqual([
      { businessUnit: "Retail", principalType: "user", principalId: "aaaaaaaa-0000-4000-8000-000000000001", displayName: "Ana" },
      { businessUnit: "Retail", principalType: "group", principalId: "bbbbbbbb-0000-4000-8000-000000000002", displayName: "Leads" },
    ]);
    const bad = write("bad.csv", "businessUnit,principalType,principalId,displayName\nRetail,role,ana@contoso.com,Ana\n");
    const result = await runCli(["owners", "import", bad], { db });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `chargeback: 1 invalid row, nothing imported:\n  ${bad}:2: principalType must be user or group; principalId must be an Entra object id (a GUID)\n`,
    );
  });
});

describe("chargeback month", () => {
  it("closes a finished month, refuses to reopen it without a reason, and logs both", async () => {
    const { db, write } = workspace();
    const events = write("events.ndjson", `${v1Event({ requestId: "m-1", time: "2026-10-10T10:00:00Z" })}\n`);
    expect((await runCli(["ingest", events], { db })).status).toBe(0);
    // The checklist decides: no price, no invoice and no event after the 10th are warnings to accept.
    const checklist = json<{ blocked: boolean; checks: { id: string; status: string }[] }>(await runCli(["month", "checklist", "2026-10"], { db }));
    expect(checklist.blocked).toBe(false);
    expect(checklist.checks.filter((c) => c.status === "warn").map((c) => c.id)).toEqual(["unpriced", "invoice", "pipeline"]);
    expect((await runCli(["month", "close", "2026-10", "--by", "Fiona"], { db })).stderr).toMatch(
      /^chargeback: 2026-10 has 3 warnings to accept before it closes: /,
    );
    expect(json(await runCli(["month", "close", "2026-10", "--by", "Fiona", "--accept-warnings"], { db }))).toMatchObject({
      month: "2026-10",
      closedBy: "Fiona",
      currency: "USD",
      alreadyClosed: false,
    });
    // Asking again changes nothing and says so.
    expect(json(await runCli(["month", "close", "2026-10", "--by", "Other"], { db }))).toMatchObject({ closedBy: "Fiona", alreadyClosed: true });
    expect(json(await runCli(["report", "--month", "2026-10"], { db }))).toMatchObject({ closed: { closedBy: "Fiona" } });
    expect((await runCli(["month", "reopen", "2026-10", "--reason", "no"], { db })).stderr).toBe(
      "chargeback: say why the month is reopened (at least 10 characters): the reason is kept in the month log\n",
    );
    expect((await runCli(["month", "close", "2999-01"], { db })).stderr).toBe(
      "chargeback: 2999-01 has not ended yet: it can be closed from 2999-02-01 (UTC)\n",
    );
    expect(json(await runCli(["month", "reopen", "2026-10", "--reason", "prices were missing", "--by", "Fiona"], { db }))).toEqual({
      month: "2026-10",
      reopened: true,
    });
    const log = (await runCli(["month", "log"], { db })).stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(log.map((e) => [e.month, e.action, e.by, e.reason])).toEqual([
      ["2026-10", "close", "Fiona", ""],
      ["2026-10", "reopen", "Fiona", "prices were missing"],
    ]);
  });
});

describe("chargeback prices import", () => {
  it("imports nothing from a file with a malformed price, and says which item", async () => {
    const { db, write } = workspace();
    const item = {
      meterId: "m1",
      meterName: "gpt-4o-0806-Inp-glbl Tokens",
      productName: "Azure OpenAI",
      armRegionName: "eastus2",
      unitOfMeasure: "1K",
      effectiveStartDate: "2026-01-01T00:00:00Z",
    };
    const bad = write(
      "bad.json",
      JSON.stringify({
        Items: [
          { ...item, retailPrice: 0.0025 },
          { ...item, meterId: "m2", retailPrice: "-1" },
        ],
        NextPageLink: null,
      }),
    );
    const result = await runCli(["prices", "import", bad], { db });
    expect(result).toMatchObject({ status: 1, stderr: `chargeback: ${bad}: Items[1].retailPrice must be a non-negative number\n` });
  });
});

describe("chargeback ingest of a file still being written", () => {
  it("leaves an unfinished last line for the next run instead of quarantining it", async () => {
    const { db, write } = workspace();
    const last = v1Event({ requestId: "late" });
    const file = write("growing.ndjson", `${v1Event({ requestId: "a" })}\n${last.slice(0, 40)}`);
    const first = await runCli(["ingest", file], { db });
    expect(first.status).toBe(0);
    expect(json(first)).toEqual({ accepted: 1, duplicates: 0, quarantined: 0, unpriced: 1, notBilled: 0, usageUnknown: 0, warnings: 0 });
    expect(first.stderr).toBe(`chargeback: warning: ${file}:2 has no newline and is not complete JSON yet; left for the next run\n`);
    fs.appendFileSync(file, `${last.slice(40)}\n`);
    expect(json(await runCli(["ingest", file], { db }))).toEqual({
      accepted: 1,
      duplicates: 1,
      quarantined: 0,
      unpriced: 1,
      notBilled: 0,
      usageUnknown: 0,
      warnings: 0,
    });
    // A complete last line without a newline is an event like any other.
    const tidy = write("tidy.ndjson", v1Event({ requestId: "b" }));
    expect(json(await runCli(["ingest", tidy], { db }))).toMatchObject({ accepted: 1, quarantined: 0 });
  });
});

describe("chargeback reservations", () => {
  it("imports a reservation of a provisioned deployment, lists it, and refuses one that cannot apply in one line", async () => {
    const { db, write } = workspace();
    const deployments = write(
      "deployments.csv",
      "deployment,model,region,sku\nptu-east,gpt-4o-2024-08-06,eastus2,ProvisionedManaged\npaygo,gpt-4o-2024-08-06,eastus2,GlobalStandard\n",
    );
    expect((await runCli(["deployments", "import", deployments], { db })).status).toBe(0);
    const good = write("ptu.csv", "deployment,units,price,per,validFrom\nptu-east,15,1,hour,2026-10-01\n");
    expect(json(await runCli(["reservations", "import", good], { db }))).toEqual({ added: 1, changed: 0, unchanged: 0 });
    expect(JSON.parse((await runCli(["reservations", "list"], { db })).stdout)).toEqual({
      deployment: "ptu-east",
      units: 15,
      price: "1",
      per: "hour",
      currency: "USD",
      idle: "share",
      outputWeight: 1,
      validFrom: "2026-10-01",
      validTo: null,
    });
    const paygo = write("paygo.csv", "deployment,units,price,per,validFrom\npaygo,15,1,hour,2026-10-01\n");
    expect(await runCli(["reservations", "import", paygo], { db })).toMatchObject({
      status: 1,
      stderr: "chargeback: 1 reservation that cannot apply, nothing imported:\n  paygo: is GlobalStandard, only provisioned deployments are reserved\n",
    });
  });
});

describe("chargeback purge", () => {
  it("counts with --dry-run, deletes without, and refuses when no retention is configured", async () => {
    const { db, write } = workspace();
    const old = new Date(now() - 45 * 86_400_000).toISOString();
    const events = write(
      "events.ndjson",
      `${v1Event({ requestId: "p-1", time: old })}\n${v1Event({ requestId: "p-2", time: new Date(now()).toISOString() })}\n`,
    );
    expect((await runCli(["ingest", events], { db })).status).toBe(0);
    expect(await runCli(["purge"], { db })).toMatchObject({
      status: 1,
      stderr: "chargeback: no retention is configured: set CHARGEBACK_RETENTION_DAYS (30 or more) to purge raw events older than that\n",
    });
    const env = { CHARGEBACK_RETENTION_DAYS: "30" };
    expect(json(await runCli(["purge", "--dry-run"], { db, env }))).toMatchObject({ dryRun: true, events: 1, quarantined: 0 });
    expect(json(await runCli(["purge"], { db, env }))).toMatchObject({ dryRun: false, events: 1, quarantined: 0 });
    expect((await runCli(["purge"], { db, env: { CHARGEBACK_RETENTION_DAYS: "7" } })).stderr).toBe(
      "chargeback: invalid configuration: CHARGEBACK_RETENTION_DAYS: must be 0 (keep for ever) or 30 days or more\n",
    );
  });
});
