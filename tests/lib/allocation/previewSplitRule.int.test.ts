import { describe, expect, it } from "vitest";
import { previewSplitRule } from "../../../lib/statements/previewSplitRule";
import { SplitRule } from "../../../lib/allocation/splitRule";
import { importOrgMappings } from "../../../lib/org/importOrgMappings";
import { importDeployments } from "../../../lib/pricing/importDeployments";
import { importRetailPrices } from "../../../lib/pricing/importRetailPrices";
import { ingestLines, v1Event } from "../../support/ingest";
import { snapshotItems } from "../../support/retailPrices";
import { freshStore } from "../../support/store";
import { leading } from "../../support/arrays";

async function month() {
  const { store } = freshStore();
  await importRetailPrices(store, snapshotItems());
  await importDeployments(store, "deployment,model,region,sku\ngpt-4o,gpt-4o-2024-08-06,eastus2,GlobalStandard\n", "deployments.csv");
  await importOrgMappings(
    store,
    "appId,costCenter,businessUnit,validFrom\nassistant,CC-IT,IT,2026-01-01\nshop,CC-R,Retail,2026-01-01\nops-bot,CC-O,Ops,2026-01-01\n",
    "org.csv",
  );
  const events = ["assistant", "shop", "ops-bot"].flatMap((appId, i) =>
    [1, 2, 3].map((d) =>
      v1Event({ requestId: `${appId}-${d}`, appId, time: `2026-10-0${d}T10:00:00Z`, promptTokens: 1234 + i * 77 + d, totalTokens: 1334 + i * 77 + d }),
    ),
  );
  await ingestLines(store, events);
  return store;
}

const rule = (o: Record<string, unknown> = {}) =>
  SplitRule.parse({
    id: "shared",
    appId: "assistant",
    method: "fixed",
    parts: [
      { costCenter: "CC-R", businessUnit: "Retail", percent: "75" },
      { costCenter: "CC-O", businessUnit: "Ops", percent: "25" },
    ],
    validFrom: "2026-10-01",
    ...o,
  });

describe("previewing a split rule", () => {
  it("shows the split app's lines before and after, not the lines whose cents only round differently, and saves nothing", async () => {
    const store = await month();
    const p = await previewSplitRule(store, rule(), "2026-10");
    expect(p.totalAfter).toBe(p.totalBefore);
    expect(p.rows.map((r) => [r.appId, r.businessUnit, r.rule])).toEqual([
      ["assistant", "IT", ""],
      ["assistant", "Ops", "shared"],
      ["assistant", "Retail", "shared"],
    ]);
    const [mapped, ops, retail] = leading(p.rows, 3);
    expect(mapped.after).toBe("0.00");
    const cents = (s: string) => BigInt(s.replace(".", ""));
    expect(cents(ops.after) + cents(retail.after)).toBe(cents(mapped.before));
    expect(await store.listSplitRules()).toEqual([]);
  });

  it("refuses a rule that overlaps a saved one, like saving would", async () => {
    const store = await month();
    await store.saveSplitRules([rule()]);
    await expect(previewSplitRule(store, rule({ id: "other", validFrom: "2026-10-02" }), "2026-10")).rejects.toThrow(
      "app assistant: rule shared (2026-10-01..open) overlaps rule other (from 2026-10-02)",
    );
  });
});
