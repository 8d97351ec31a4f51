import { describe, expect, it } from "vitest";
import { changeMappings, moveApp } from "../../../lib/org/changeMappings";
import { liveLines } from "../../../lib/statements/liveLines";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { ingestLines } from "../../support/ingest";
import { events, octoberAndNovember } from "../../support/twoMonths";
import { leading } from "../../support/arrays";

const ADMIN = { actor: "Ada <admin>", action: "test", reason: "because" };
const attoOf = async (store: Awaited<ReturnType<typeof octoberAndNovember>>, unit: string, appId?: string) =>
  liveLines(await new LedgerReader(store).ledger("2026-10"))
    .lines.filter((l) => l.businessUnit === unit && (!appId || l.appId === appId))
    .reduce((s, l) => s + l.atto, 0n);

describe("changing mappings", () => {
  it("assigning an unmapped app adds exactly its cost to the unit, and records who did it", async () => {
    const store = await octoberAndNovember();
    await ingestLines(store, events("app-3", "2026-10-15", 7));
    const unmapped = await attoOf(store, "", "app-3");
    const retailBefore = await attoOf(store, "Retail");
    expect(unmapped).toBe(7n * 3_500_000_000_000_000n); // 7 × $0.0035, exactly
    await changeMappings(store, [{ appId: "app-3", costCenter: "CC-1", businessUnit: "Retail", validFrom: "2026-10-01", validTo: null }], ADMIN);
    expect((await attoOf(store, "Retail")) - retailBefore).toBe(unmapped);
    expect(await attoOf(store, "", "app-3")).toBe(0n);
    const [entry] = leading(await store.listAudit(10), 1);
    expect(entry).toMatchObject({ actor: "Ada <admin>", action: "test", subject: "app-3", before: null, reason: "because" });
    expect(entry.after).toMatchObject({ costCenter: "CC-1", validFrom: "2026-10-01" });
  });

  it("moving an app mid-month ends one range the day the other starts, and the month splits there", async () => {
    const store = await octoberAndNovember(); // app-1: 1,000 events on 2026-10-10
    await ingestLines(store, events("app-1", "2026-10-20", 10));
    await moveApp(store, { appId: "app-1", costCenter: "CC-2", businessUnit: "Marketing", from: "2026-10-15" }, ADMIN);
    expect((await store.listOrgMappings()).filter((m) => m.appId === "app-1")).toEqual([
      { appId: "app-1", costCenter: "CC-1", businessUnit: "Retail", validFrom: "2020-01-01", validTo: "2026-10-15" },
      { appId: "app-1", costCenter: "CC-2", businessUnit: "Marketing", validFrom: "2026-10-15", validTo: null },
    ]);
    expect(await attoOf(store, "Retail", "app-1")).toBe(1000n * 3_500_000_000_000_000n);
    expect(await attoOf(store, "Marketing", "app-1")).toBe(10n * 3_500_000_000_000_000n);
    expect((await store.listAudit(10)).map((e) => [e.action, e.subject])).toEqual([
      ["test", "app-1"],
      ["test", "app-1"],
    ]);
  });

  it("refuses overlaps and gaps whole, saving nothing", async () => {
    const store = await octoberAndNovember();
    const before = await store.listOrgMappings();
    await expect(
      changeMappings(store, [
        { appId: "app-1", costCenter: "CC-1", businessUnit: "Retail", validFrom: "2020-01-01", validTo: "2026-10-01" },
        { appId: "app-1", costCenter: "CC-2", businessUnit: "Marketing", validFrom: "2026-10-05", validTo: null },
      ]),
    ).rejects.toThrow("nothing maps it from 2026-10-01 to 2026-10-05");
    await expect(moveApp(store, { appId: "app-9", costCenter: "CC-2", businessUnit: "Marketing", from: "2026-10-15" }, ADMIN)).rejects.toThrow(
      "app-9 is not mapped on 2026-10-15: assign it from the unmapped queue instead.",
    );
    expect(await store.listOrgMappings()).toEqual(before);
    expect(await store.listAudit(10)).toEqual([]);
  });
});
