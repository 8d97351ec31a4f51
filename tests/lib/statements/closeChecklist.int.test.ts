import { describe, expect, it } from "vitest";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { getCloseChecklist } from "../../../lib/statements/closeChecklist";
import { canReopen, closeMonth, reopenMonth } from "../../../lib/statements/closeMonth";
import { closeWhenReady } from "../../../lib/statements/closeWhenReady";
import { listAuditTrail } from "../../../lib/statements/auditTrail";
import type { UsageStore } from "../../../lib/store/port";
import { ingestLines } from "../../support/ingest";
import { DEC_5, events, NOV_5, octoberAndNovember } from "../../support/twoMonths";

const checklist = (store: UsageStore, month: string, at: number) => getCloseChecklist(new LedgerReader(store), store, month, at);
const statuses = async (store: UsageStore, month: string, at: number) =>
  Object.fromEntries((await checklist(store, month, at)).checks.map((c) => [c.id, c.status]));

describe("the close checklist", () => {
  it("measures the month live: a mapped, priced October with no invoice only warns about the invoice", async () => {
    const store = await octoberAndNovember();
    const list = await checklist(store, "2026-10", NOV_5);
    expect(Object.fromEntries(list.checks.map((c) => [c.id, [c.status, c.figure]]))).toEqual({
      ended: ["pass", "ended"],
      order: ["pass", "no usage before 2026-10"],
      unmapped: ["pass", "0.0 % (0.00 USD)"],
      unpriced: ["pass", "0"],
      "usage-unknown": ["pass", "0"],
      invoice: ["warn", "not imported"],
      pipeline: ["pass", "last event 2026-11-02; no Event Hubs lag reported"],
    });
    expect(list).toMatchObject({ blocked: false, warnings: 1 });
    expect(list.frozen).toEqual({
      currency: "USD",
      total: "4.20",
      units: [
        { businessUnit: "Marketing", cost: "0.70" },
        { businessUnit: "Retail", cost: "3.50" },
      ],
      unmapped: "0.00",
      corrections: "0.00",
    });
    expect(list.checks.find((c) => c.id === "invoice")?.fix).toEqual({ href: "/reconciliation?month=2026-10", label: "Reconcile with the invoice" });
  });

  it("warns on a little unmapped or unpriced cost, and blocks a tenth or more unmapped", async () => {
    const store = await octoberAndNovember();
    // 60 calls of an unmapped app: $0.21 of $4.41, under a tenth.
    await ingestLines(store, events("app-9", "2026-10-12", 60));
    const some = await checklist(store, "2026-10", NOV_5);
    expect(some.checks.find((c) => c.id === "unmapped")).toMatchObject({ status: "warn", figure: "4.8 % (0.21 USD)", fix: { href: "/admin/mappings" } });
    expect(some.frozen.unmapped).toBe("0.21");
    await ingestLines(store, events("app-9", "2026-10-13", 400));
    expect((await statuses(store, "2026-10", NOV_5)).unmapped).toBe("block");
    await expect(closeWhenReady(store, "2026-10", { by: "fin", acceptWarnings: true }, NOV_5)).rejects.toThrow(
      "2026-10 cannot be closed: a tenth or more of the month's cost would be billed to nobody: map the apps first",
    );
  });

  it("warns while events may still be on their way: none after the month's last day, or lag in Event Hubs", async () => {
    const store = await octoberAndNovember();
    await ingestLines(store, events("app-1", "2026-12-01", 1));
    expect((await statuses(store, "2026-11", DEC_5)).pipeline).toBe("pass");
    await store.recordPipelineLag({
      consumer: "hub/$Default",
      at: DEC_5,
      partitions: [{ partitionId: "0", lastEnqueuedSequenceNumber: 90, checkpointedSequenceNumber: 80, lag: 10 }],
    });
    const lagging = (await checklist(store, "2026-11", DEC_5)).checks.find((c) => c.id === "pipeline");
    expect(lagging).toMatchObject({ status: "warn", figure: "last event 2026-12-01; lag 10 events (measured 2026-12-05 00:00 UTC)" });
  });
});

describe("closing in order", () => {
  it("blocks a month whose previous month is open, and a month before one already closed", async () => {
    const store = await octoberAndNovember();
    expect((await statuses(store, "2026-11", NOV_5)).ended).toBe("block");
    const november = await checklist(store, "2026-11", DEC_5);
    expect(november.checks.find((c) => c.id === "order")).toMatchObject({
      status: "block",
      figure: "2026-10 open",
      fix: { href: "/close?month=2026-10", label: "Close 2026-10" },
    });
    await expect(closeWhenReady(store, "2026-11", { by: "fin", acceptWarnings: true }, DEC_5)).rejects.toThrow(
      "2026-11 cannot be closed: months close in order: close 2026-10 first",
    );
    expect(await store.listClosedMonths()).toEqual([]);

    await closeWhenReady(store, "2026-10", { by: "fin", acceptWarnings: true }, NOV_5);
    expect((await statuses(store, "2026-11", DEC_5)).order).toBe("pass");
    await closeWhenReady(store, "2026-11", { by: "fin", acceptWarnings: true }, DEC_5);
    await reopenMonth(store, "2026-11", "fin", "a mapping was missing", DEC_5);
    await reopenMonth(store, "2026-10", "fin", "a price was missing", DEC_5);
    // A statement frozen out of order (the low-level close has no checklist) blocks the months before it.
    await closeMonth(store, "2026-11", "fin", DEC_5);
    expect((await checklist(store, "2026-10", DEC_5)).checks.find((c) => c.id === "order")).toMatchObject({
      status: "block",
      detail: "months close in order: 2026-11 is already closed, so 2026-10 cannot be closed after it",
    });
  });

  it("needs warnings accepted, and offers a reopen only for the latest closed month", async () => {
    const store = await octoberAndNovember();
    await expect(closeWhenReady(store, "2026-10", { by: "fin" }, NOV_5)).rejects.toThrow(
      "2026-10 has 1 warning to accept before it closes: azure invoice imported: not imported",
    );
    await closeWhenReady(store, "2026-10", { by: "fin", acceptWarnings: true }, NOV_5);
    await closeWhenReady(store, "2026-11", { by: "fin", acceptWarnings: true }, DEC_5);
    const closed = await store.listClosedMonths();
    expect(canReopen(closed, "2026-10")).toBe(false);
    expect(canReopen(closed, "2026-11")).toBe(true);
    expect(canReopen(closed, "2026-12")).toBe(false);
  });
});

describe("an idempotent close", () => {
  it("answers a second submit, sequential or at the same time, with the first close and logs one close", async () => {
    const store = await octoberAndNovember();
    const request = { by: "fin", acceptWarnings: true };
    const [a, b] = await Promise.all([closeWhenReady(store, "2026-10", request, NOV_5), closeWhenReady(store, "2026-10", request, NOV_5 + 1)]);
    expect([a.alreadyClosed, b.alreadyClosed].sort()).toEqual([false, true]);
    expect(b.closed.closedAt).toBe(a.closed.closedAt);
    const again = await closeWhenReady(store, "2026-10", { by: "someone else" }, NOV_5 + 60_000);
    expect(again).toMatchObject({ alreadyClosed: true, closed: { closedBy: "fin", closedAt: a.closed.closedAt } });
    expect((await store.listMonthLog()).map((e) => [e.month, e.action])).toEqual([["2026-10", "close"]]);
    // Closes and reopens are on the audit trail, among the other changes, newest first.
    await reopenMonth(store, "2026-10", "fin", "a mapping was missing", NOV_5 + 120_000);
    expect((await listAuditTrail(store, 3)).map((e) => [e.action, e.subject, e.actor, e.reason])).toEqual([
      ["month.reopen", "2026-10", "fin", "a mapping was missing"],
      ["month.close", "2026-10", "fin", ""],
    ]);
  });
});
