import { describe, expect, it } from "vitest";
import { unmappedQueue } from "../../../lib/reports/unmappedQueue";
import { ingestLines } from "../../support/ingest";
import { events, octoberAndNovember } from "../../support/twoMonths";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { itemAt } from "../../../lib/core/arrays";

const gus = { id: "5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c", displayName: "Gus Lead", userPrincipalName: "gus@contoso.example" };
const sp = (appId: string, displayName: string, owners = [gus]) => ({
  appId,
  status: "found" as const,
  displayName,
  servicePrincipalType: "Application",
  appOwnerOrganizationId: null,
  owners,
  syncedAt: 1,
});

describe("the unmapped apps queue", () => {
  it("lists unmapped apps by unattributed cost, with the days they were seen and where their owners' other apps are", async () => {
    const store = await octoberAndNovember();
    await ingestLines(store, [...events("app-3", "2026-10-05", 30), ...events("app-4", "2026-11-02", 10), ...events("app-4", "2026-10-28", 1)]);
    await store.saveDirectoryEntries([sp("app-1", "Store Assistant"), sp("app-3", "Shelf Vision"), sp("app-4", "Lonely App", [])]);
    await store.saveApps([{ appId: "app-1", displayName: "Store Assistant" }]);
    const queue = await unmappedQueue(new LedgerReader(store), ["2026-10", "2026-11"]);
    expect(queue.map((q) => [q.appId, q.cost, q.requests, q.firstDay, q.lastDay])).toEqual([
      ["app-3", "0.11", 30, "2026-10-05", "2026-10-05"],
      ["app-4", "0.04", 11, "2026-10-28", "2026-11-02"],
    ]);
    expect(itemAt(queue, 0).suggestion).toEqual({ costCenter: "CC-1", businessUnit: "Retail", because: "Gus Lead also owns Store Assistant" });
    expect(itemAt(queue, 1).suggestion).toBeNull();
  });
});
