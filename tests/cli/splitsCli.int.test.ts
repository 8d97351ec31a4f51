import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { json, runCli } from "../support/cli";
import { freshStore } from "../support/store";
import { openStore } from "../../lib/store";

function workspace() {
  const { dir, file } = freshStore();
  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  return { db: file, write };
}

const RULES = [
  "rule,method,costCenter,businessUnit,validFrom,appId,amount,basis,percent,tagValue,validTo",
  "shared-assistant,fixed,CC-R,Retail,2026-10-01,assistant,,,50,,",
  "shared-assistant,fixed,CC-O,Ops,2026-10-01,assistant,,,30,,",
  "shared-assistant,fixed,CC-F,Finance,2026-10-01,assistant,,,20,,",
  "gateway,even,CC-R,Retail,2026-10-01,,1200,,,,2027-01-01",
  "gateway,even,CC-O,Ops,2026-10-01,,1200,,,,2027-01-01",
  // Values a spreadsheet would run as formulas: the export quotes them, the import takes the quote off.
  "team-tag,share,CC-R,Retail,2026-10-01,features,,tag:team,,@retail,",
  "team-tag,share,CC-O,Ops,2026-10-01,features,,tag:team,,=ops,",
].join("\n");

describe("chargeback splits", () => {
  it("imports rules all or nothing, audited and idempotent, lists them and exports a file that imports back unchanged", async () => {
    const { db, write } = workspace();
    const file = write("splits.csv", `${RULES}\n`);
    expect(json(await runCli(["splits", "import", file, "--reason", "BU agreement 2026"], { db }))).toEqual({ added: 3, changed: 0, unchanged: 0 });
    expect(json(await runCli(["splits", "import", file], { db }))).toEqual({ added: 0, changed: 0, unchanged: 3 });

    const listed = (await runCli(["splits", "list"], { db })).stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(
      listed.map((r) => [
        r.id,
        r.method,
        r.appId,
        r.amount,
        r.parts.map((p: { costCenter: string; percent: string | null }) => `${p.costCenter}:${p.percent}`),
      ]),
    ).toEqual([
      ["gateway", "even", null, "1200", ["CC-R:null", "CC-O:null"]],
      ["shared-assistant", "fixed", "assistant", null, ["CC-R:50", "CC-O:30", "CC-F:20"]],
      ["team-tag", "share", "features", null, ["CC-R:null", "CC-O:null"]],
    ]);

    const exported = await runCli(["splits", "export", "--format", "csv"], { db });
    expect(exported.status).toBe(0);
    expect(exported.stdout).toContain("'@retail");
    expect(json(await runCli(["splits", "import", write("again.csv", exported.stdout)], { db }))).toEqual({ added: 0, changed: 0, unchanged: 3 });

    const store = openStore(`file:${db}`);
    try {
      const audit = await store.listAudit(10);
      expect(audit.map((e) => [e.action, e.subject, e.reason]).sort()).toEqual([
        ["splits.import", "split rule gateway", "BU agreement 2026"],
        ["splits.import", "split rule shared-assistant", "BU agreement 2026"],
        ["splits.import", "split rule team-tag", "BU agreement 2026"],
      ]);
    } finally {
      await store.close();
    }
  });

  it("refuses percentages that do not sum to 100, and overlapping rules, in one line each, importing nothing", async () => {
    const { db, write } = workspace();
    const bad = write("bad.csv", `${RULES.replace(",20,,", ",10,,")}\n`);
    expect(await runCli(["splits", "import", bad], { db })).toMatchObject({
      status: 1,
      stderr: `chargeback: 1 invalid rule, nothing imported:\n  ${bad}:2: rule shared-assistant: percent must sum to 100, not 90\n`,
    });
    expect((await runCli(["splits", "list"], { db })).stdout).toBe("");

    expect((await runCli(["splits", "import", write("ok.csv", `${RULES}\n`)], { db })).status).toBe(0);
    const overlap = write("overlap.csv", "rule,method,costCenter,businessUnit,validFrom,appId\nassistant-2027,even,CC-R,Retail,2026-12-01,assistant\n");
    expect(await runCli(["splits", "import", overlap], { db })).toMatchObject({
      status: 1,
      stderr:
        "chargeback: 1 overlapping rule, nothing imported:\n  app assistant: rule shared-assistant (2026-10-01..open) overlaps rule assistant-2027 (from 2026-12-01)\n",
    });
  });
});
