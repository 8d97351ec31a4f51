import { describe, expect, it } from "vitest";
import { getAnomalies } from "../../../lib/budgets/getAnomalies";
import { importBudgets, OPERATOR } from "../../../lib/budgets/importBudgets";
import { nextDay } from "../../../lib/core/months";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { runNotifications } from "../../../lib/notifications/runNotifications";
import { ingestLines, v1Event } from "../../support/ingest";
import { octoberAndNovember } from "../../support/twoMonths";

const NOV_19 = Date.parse("2026-11-19T12:00:00Z");
const SPIKE = "2026-11-18";
/** 1M prompt and 100 completion tokens on gpt-4o 2024-08-06: $2.501 a call. */
const call = (appId: string, day: string, i: number, completionTokens = 100) =>
  v1Event({
    requestId: `big-${appId}-${day}-${i}`,
    appId,
    time: `${day}T10:00:00Z`,
    promptTokens: 1_000_000,
    completionTokens,
    totalTokens: 1_000_000 + completionTokens,
  });

/**
 * Two months of Retail's app-1 at 3 to 5 big calls a day ($7.50 to $12.50) and Marketing's app-2 at
 * two; on SPIKE app-1 makes 20 calls with ten times the completion tokens.
 */
async function spikedStore() {
  const store = await octoberAndNovember();
  const lines: string[] = [];
  let i = 0;
  for (let day = "2026-09-20"; day < "2026-11-20"; day = nextDay(day), i++) {
    const n = day === SPIKE ? 20 : 3 + (i % 3);
    for (let k = 0; k < n; k++) lines.push(call("app-1", day, k, day === SPIKE ? 1_000 : 100));
    for (let k = 0; k < 2; k++) lines.push(call("app-2", day, k));
  }
  await ingestLines(store, lines);
  const csv =
    "scope,amount,validFrom,thresholds,notify\n" +
    "business-unit:Retail,100000,2026-09-01,100,retail-lead@example.com;webhook:finops\n" +
    "app:app-1,100000,2026-09-01,100,app-owner@example.com\n" +
    "business-unit:Marketing,100000,2026-09-01,100,marketing-lead@example.com\n";
  await importBudgets(store, csv, "b.csv", "USD", OPERATOR, { actor: "t", action: "budgets.import", reason: "t" });
  return store;
}

// Nothing can be delivered (no SMTP server, no webhooks): what was queued stays in the outbox to read.
const channels = { mailFrom: "chargeback@example.com", webhooks: [], publicUrl: "https://cb.example.com" };

describe("anomaly notifications", () => {
  it("tells the recipients of the unit's budget of a spike once across runs, and nothing of a dismissed anomaly", async () => {
    const store = await spikedStore();
    const found = await getAnomalies(new LedgerReader(store), "2026-11", [], { at: NOV_19 });
    expect(found.map((a) => a.key).sort()).toEqual([`app:app-1|${SPIKE}`, `model:gpt-4o-2024-08-06|${SPIKE}`, `unit:Retail|${SPIKE}`]);
    await store.saveAnomalyDecisions([{ anomaly: `app:app-1|${SPIKE}`, decision: "dismissed", note: "load test" }], {
      actor: "t",
      action: "anomalies.decide",
      reason: "load test",
    });

    expect((await runNotifications(store, channels, NOV_19)).queued).toBe(2);
    expect((await runNotifications(store, channels, NOV_19 + 3_600_000)).queued).toBe(0);

    const log = await store.listNotifications(10);
    expect(log.map((n) => [n.kind, n.key]).sort()).toEqual([
      ["anomaly", `anomaly|unit:Retail|${SPIKE}|retail-lead@example.com`],
      ["anomaly", `anomaly|unit:Retail|${SPIKE}|webhook:finops`],
    ]);
    const mail = log.find((n) => n.recipient === "retail-lead@example.com");
    expect(mail).toMatchObject({ channel: "email", subject: `Unusual cost: business unit Retail on ${SPIKE}`, link: "/anomalies?month=2026-11" });
    expect(mail?.text).toMatch(/^The business unit Retail cost USD 50\.20 on 2026-11-18 \(UTC\), against a usual USD 10\.00 for that weekday \(\+USD 40\.20, /);
    expect(mail?.text).toContain("What moved most: app app-1 (+USD 40.20), mostly completion tokens.");
    expect(mail?.facts).toMatchObject({ "business unit": "Retail", day: SPIKE, change: "+USD 40.20" });
  });

  it("tells nothing of an anomaly marked expected, nor of one older than three days", async () => {
    const store = await spikedStore();
    await store.saveAnomalyDecisions([{ anomaly: `unit:Retail|${SPIKE}`, decision: "expected", note: "launch" }], {
      actor: "t",
      action: "anomalies.decide",
      reason: "launch",
    });
    expect((await runNotifications(store, channels, NOV_19)).queued).toBe(1);
    expect((await store.listNotifications(10)).map((n) => n.key)).toEqual([`anomaly|app:app-1|${SPIKE}|app-owner@example.com`]);

    const later = await spikedStore();
    expect((await runNotifications(later, channels, NOV_19 + 4 * 86_400_000)).queued).toBe(0);
  });
});
