import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { json, runCli } from "../support/cli";
import { freshStore } from "../support/store";
import { seedOctoberAndNovember } from "../support/twoMonths";

const BUDGETS = [
  "scope,amount,validFrom,validTo,currency,thresholds,notify,hard",
  "business-unit:Retail,0.40,2026-10-01,,USD,,ops@example.com;webhook:finops,false",
  "app:app-2,1000,2026-11-01,2027-01-01,,50;forecast:90,,true",
  "tag:project=apollo,250,2026-11-01,,,,,",
].join("\n");

async function workspace() {
  const { dir, file, store } = freshStore();
  await seedOctoberAndNovember(store);
  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  return { db: file, write };
}

const NOV_20 = { CHARGEBACK_NOW: "2026-11-20T12:00:00Z" };

describe("chargeback budgets", () => {
  it("imports budgets all or nothing and idempotent, lists and exports them, and exports a file that imports back unchanged", async () => {
    const { db, write } = await workspace();
    const file = write("budgets.csv", `${BUDGETS}\n`);
    expect(json(await runCli(["budgets", "import", file, "--reason", "FY27 plan"], { db }))).toEqual({ added: 3, changed: 0, unchanged: 0 });
    expect(json(await runCli(["budgets", "import", file], { db }))).toEqual({ added: 0, changed: 0, unchanged: 3 });
    const listed = (await runCli(["budgets", "list"], { db })).stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(listed.map((b) => [b.scope, b.amount, b.hard, b.thresholds.length, b.notify])).toEqual([
      ["app:app-2", "1000", true, 2, []],
      ["business-unit:Retail", "0.40", false, 4, ["ops@example.com", "webhook:finops"]],
      ["tag:project=apollo", "250", false, 4, []],
    ]);
    const exported = await runCli(["budgets", "export"], { db });
    expect(exported.stdout.split("\n")[0]).toBe("scope,amount,validFrom,validTo,currency,thresholds,notify,hard");
    expect(json(await runCli(["budgets", "import", write("again.csv", exported.stdout)], { db }))).toEqual({ added: 0, changed: 0, unchanged: 3 });
  });

  it("refuses a file with any bad row or an overlap, naming each line, and imports nothing", async () => {
    const { db, write } = await workspace();
    const bad = [
      "scope,amount,validFrom,validTo,thresholds",
      "business-unit:Retail,100,2026-11-01,,",
      "team:Retail,100,2026-11-01,,",
      "app:app-1,-5,2026-11-15,,",
      "app:app-2,10,2026-11-01,,50;eighty",
    ].join("\n");
    const refused = await runCli(["budgets", "import", write("bad.csv", bad)], { db });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("3 invalid budgets, nothing imported");
    expect(refused.stderr).toContain("bad.csv:3: team:Retail: scope must be business-unit:<name>");
    expect(refused.stderr).toContain("bad.csv:4: app:app-1: amount must be an amount per month");
    expect(refused.stderr).toContain('bad.csv:5: app:app-2: thresholds: "eighty" is not a threshold');
    expect(refused.stderr).not.toMatch(/at .*\.ts:\d+/);
    const overlap = "scope,amount,validFrom,validTo\nbusiness-unit:Retail,100,2026-10-01,\nbusiness-unit:Retail,200,2026-11-01,\n";
    const refusedOverlap = await runCli(["budgets", "import", write("overlap.csv", overlap)], { db });
    expect(refusedOverlap.stderr).toContain("business-unit:Retail: 2026-10-01..open overlaps 2026-11-01..open; end the first on 2026-11-01");
    expect((await runCli(["budgets", "list"], { db })).stdout).toBe("");
  });

  it("says each budget's actual cost (as the chargeback report counts it), forecast and thresholds crossed", async () => {
    const { db, write } = await workspace();
    await runCli(["budgets", "import", write("budgets.csv", `${BUDGETS}\n`)], { db });
    const status = json<{ scope: string; actual: string; actualPercent: string; forecast: { cost: string } | null; crossed: unknown[]; exhausted: boolean }[]>(
      await runCli(["budgets", "status", "--month", "2026-11"], { db, env: NOV_20 }),
    );
    const report = json<{ rows: { key: string; cost: string }[] }>(
      await runCli(["report", "--month", "2026-11", "--by", "business-unit"], { db, env: NOV_20 }),
    );
    const retail = status.find((s) => s.scope === "business-unit:Retail")!;
    expect(retail.actual).toBe(report.rows.find((r) => r.key === "Retail")!.cost);
    expect(retail.actual).toBe("0.35");
    expect(retail.actualPercent).toBe("87.5");
    expect(retail.crossed).toEqual([
      { percent: 50, basis: "actual" },
      { percent: 80, basis: "actual" },
    ]);
    // Nothing since the 2nd: no level to carry on, so the month ends where it is.
    expect(retail.forecast?.cost).toBe("0.35");
    const app2 = status.find((s) => s.scope === "app:app-2")!;
    expect([app2.actual, app2.crossed, app2.exhausted]).toEqual(["0.00", [], false]);
    // October: closed to forecasts, the month's actual is all there is; app-2's budget starts in November.
    const october = json<{ scope: string; actual: string; forecast: unknown }[]>(
      await runCli(["budgets", "status", "--month", "2026-10"], { db, env: NOV_20 }),
    );
    expect(october.map((s) => [s.scope, s.actual, s.forecast])).toEqual([["business-unit:Retail", "3.50", null]]);
  });
});
