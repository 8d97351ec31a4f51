import { type Budget, budgetsInMonth } from "../budgets/budget";
import { type FlaggedAnomaly, getAnomalies } from "../budgets/getAnomalies";
import { dayOf, now } from "../core/clock";
import { formatCents } from "../core/money";
import { LedgerReader } from "../ledger/ledgerReader";
import type { BudgetStore, NotificationStore, ReportStore } from "../store/port";
import type { OutgoingNotification } from "./notification";

type Store = ReportStore & BudgetStore & NotificationStore;

/**
 * How many finished days back an anomaly is still news: late usage can make a day anomalous a
 * day or two after it ended, and a first start on an old store must not mail its history.
 */
const RECENT_DAYS = 3;
const DAY_MS = 86_400_000;

const KIND = { unit: "business unit", app: "app", model: "model" } as const;
const TOKENS: Record<string, string> = { promptTokens: "prompt", cachedTokens: "cached prompt", completionTokens: "completion", reasoningTokens: "reasoning" };

const money = (cents: number, currency: string) =>
  `${currency} ${Number(formatCents(BigInt(Math.round(Math.abs(cents))))).toLocaleString("en-US", { minimumFractionDigits: 2 })}`;
const signed = (cents: number, currency: string) => `${cents < 0 ? "−" : "+"}${money(cents, currency)}`;

/**
 * The budgets whose recipients hear of an anomaly: a unit's is told to its unit's budget, an
 * app's to its app's. A model spans units and no budget covers every unit, so a model's anomaly
 * is told to nobody (finance sees it on the Anomalies page).
 */
export function budgetsTold(anomaly: FlaggedAnomaly, budgets: readonly Budget[]): Budget[] {
  const scope = anomaly.kind === "unit" ? `business-unit:${anomaly.name}` : anomaly.kind === "app" ? `app:${anomaly.name}` : null;
  return scope === null ? [] : budgetsInMonth(budgets, anomaly.day.slice(0, 7)).filter((b) => b.scope === scope);
}

/** One message per recipient, keyed `anomaly|<anomaly key>|<recipient>`: the outbox keeps the first, so each is told once. */
export function anomalyNotices(anomaly: FlaggedAnomaly, budgets: readonly Budget[], at: number): OutgoingNotification[] {
  const told = budgetsTold(anomaly, budgets);
  const currency = told[0]?.currency ?? "USD";
  const recipients = [...new Set(told.flatMap((b) => b.notify))].sort();
  const month = anomaly.day.slice(0, 7);
  const what = `${KIND[anomaly.kind]} ${anomaly.label}`;
  const delta = anomaly.cents - anomaly.baselineCents;
  const { driver } = anomaly;
  const tokens = driver.tokenKind ? `, mostly ${TOKENS[driver.tokenKind] ?? driver.tokenKind} tokens` : "";
  const driverText = `${driver.partKind} ${driver.part} (${signed(driver.deltaCents, currency)})${tokens}`;
  const text =
    `The ${what} cost ${money(anomaly.cents, currency)} on ${anomaly.day} (UTC), against a usual ${money(anomaly.baselineCents, currency)} ` +
    `for that weekday (${signed(delta, currency)}, ${Math.abs(anomaly.score)} robust standard deviations ${delta >= 0 ? "above" : "below"}). ` +
    `What moved most: ${driverText}.`;
  return recipients.map((recipient) => ({
    key: `anomaly|${anomaly.key}|${recipient}`,
    kind: "anomaly" as const,
    channel: recipient.startsWith("webhook:") ? "webhook" : "email",
    recipient,
    subject: `Unusual cost: ${what} on ${anomaly.day}`,
    text,
    link: `/anomalies?month=${month}`,
    facts: {
      [KIND[anomaly.kind]]: anomaly.label,
      day: anomaly.day,
      cost: money(anomaly.cents, currency),
      usual: money(anomaly.baselineCents, currency),
      change: signed(delta, currency),
      driver: driverText,
    },
    createdAt: at,
  }));
}

/**
 * Queues a message for each anomaly of the last few finished days (the open month's, and the
 * previous month's while its last days are recent) that nobody dismissed or marked expected, to
 * the recipients of the budget of its unit or app. Returns how many were newly queued.
 */
export async function queueAnomalyNotices(store: Store, at = now(), queuedAt = Date.now()): Promise<number> {
  const budgets = await store.listBudgets();
  if (!budgets.some((b) => b.notify.length > 0)) return 0;
  const from = dayOf(at - RECENT_DAYS * DAY_MS);
  const months = [...new Set([from.slice(0, 7), dayOf(at).slice(0, 7)])];
  const reader = new LedgerReader(store);
  const decisions = await store.listAnomalyDecisions();
  let queued = 0;
  for (const month of months) {
    for (const anomaly of await getAnomalies(reader, month, decisions, { at })) {
      if (anomaly.day < from || anomaly.decision !== null) continue;
      const notices = anomalyNotices(anomaly, budgets, queuedAt);
      if (notices.length > 0) queued += await store.enqueueNotifications(notices);
    }
  }
  return queued;
}
