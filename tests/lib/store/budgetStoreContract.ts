import { describe, expect, it } from "vitest";
import type { Budget } from "../../../lib/budgets/budget";
import type { OutgoingNotification } from "../../../lib/notifications/notification";
import type { UsageStore } from "../../../lib/store/port";
import { itemAt } from "../../../lib/core/arrays";

const AUDIT = (action: string, at: number) => ({ actor: "tester", action, reason: "test", at });

const UNIT: Budget = {
  scope: "business-unit:Retail",
  amount: "5000",
  currency: "USD",
  thresholds: [
    { percent: 80, basis: "actual" },
    { percent: 100, basis: "forecast" },
  ],
  notify: ["ops@example.com", "webhook:finops"],
  hard: false,
  validFrom: "2026-10-01",
  validTo: null,
};
const APP: Budget = { ...UNIT, scope: "app:app-1", amount: "300.50", notify: [], hard: true, validFrom: "2026-11-01" };

const note = (key: string, createdAt: number): OutgoingNotification => ({
  key,
  kind: "threshold",
  channel: "email",
  recipient: "ops@example.com",
  subject: `subject ${key}`,
  text: "text",
  link: "/budgets",
  facts: { scope: "business-unit:Retail", percent: "80" },
  createdAt,
});

/** The budget and outbox methods of the port, alike on both adapters (sqliteStore and cosmosStore int tests). */
export function budgetStoreContract(name: string, open: () => UsageStore | Promise<UsageStore>) {
  describe(`${name} store: budgets and notifications`, () => {
    it("upserts budgets by scope and start, audited, in order", async () => {
      const store = await open();
      expect(await store.saveBudgets([APP, UNIT], AUDIT("budgets.import", 40))).toEqual({ added: 2, changed: 0, unchanged: 0 });
      expect(await store.saveBudgets([UNIT, APP], AUDIT("budgets.import", 41))).toEqual({ added: 0, changed: 0, unchanged: 2 });
      const lowered = { ...UNIT, amount: "4000" };
      expect(await store.saveBudgets([lowered], AUDIT("budgets.save", 42))).toEqual({ added: 0, changed: 1, unchanged: 0 });
      expect(await store.listBudgets()).toEqual([APP, lowered]);
      const latest = itemAt(await store.listAudit(1), 0);
      expect([latest.at, latest.action, latest.subject, latest.before, latest.after]).toEqual([
        42,
        "budgets.save",
        "budget business-unit:Retail",
        UNIT,
        lowered,
      ]);
    });

    it("remembers anomaly decisions, audited", async () => {
      const store = await open();
      const decision = { anomaly: "unit:Retail|2026-11-12", decision: "expected" as const, note: "launch day" };
      expect(await store.saveAnomalyDecisions([decision], AUDIT("anomalies.decide", 50))).toEqual({ added: 1, changed: 0, unchanged: 0 });
      const dismissed = { ...decision, decision: "dismissed" as const };
      expect(await store.saveAnomalyDecisions([dismissed], AUDIT("anomalies.decide", 51))).toEqual({ added: 0, changed: 1, unchanged: 0 });
      expect(await store.listAnomalyDecisions()).toEqual([dismissed]);
      expect(itemAt(await store.listAudit(1), 0).subject).toBe("anomaly unit:Retail|2026-11-12");
    });

    it("keeps the first notification of a key, claims each due one once, retries a failure when due, and logs newest first", async () => {
      const store = await open();
      expect(await store.enqueueNotifications([note("a", 1000), note("b", 2000)])).toBe(2);
      expect(await store.enqueueNotifications([{ ...note("a", 3000), subject: "again" }])).toBe(0);
      // Not due before it was made; then both, once: a second claimer in the lease gets none.
      expect(await store.claimDueNotifications(500, 60_000, 10)).toEqual([]);
      const claimed = await store.claimDueNotifications(2000, 60_000, 10);
      expect(claimed.map((n) => [n.key, n.subject, n.status, n.attempts, n.dueAt])).toEqual([
        ["a", "subject a", "pending", 0, 62_000],
        ["b", "subject b", "pending", 0, 62_000],
      ]);
      expect(itemAt(claimed, 0).facts).toEqual({ scope: "business-unit:Retail", percent: "80" });
      expect(await store.claimDueNotifications(2001, 60_000, 10)).toEqual([]);
      await store.saveDeliveryOutcome("a", { sent: true, at: 2100 });
      await store.saveDeliveryOutcome("b", { sent: false, at: 2100, error: "connection refused", retryAt: 5000 });
      expect(await store.claimDueNotifications(4999, 60_000, 10)).toEqual([]);
      const retried = await store.claimDueNotifications(5000, 60_000, 10);
      expect(retried.map((n) => [n.key, n.attempts, n.lastError])).toEqual([["b", 1, "connection refused"]]);
      // A claim that lapses (its worker died) is due again.
      expect((await store.claimDueNotifications(65_000, 60_000, 10)).map((n) => n.key)).toEqual(["b"]);
      const log = await store.listNotifications(10);
      expect(log.map((n) => [n.key, n.status, n.attempts, n.sentAt])).toEqual([
        ["b", "pending", 1, null],
        ["a", "sent", 1, 2100],
      ]);
    });
  });
}
