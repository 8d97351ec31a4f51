import type { BudgetStatus } from "../budgets/budgetStatus";
import type { Threshold } from "../budgets/budget";
import type { Channel, OutgoingNotification } from "./notification";

const channelOf = (recipient: string): Channel => (recipient.startsWith("webhook:") ? "webhook" : "email");
const money = (amount: string, currency: string) =>
  `${currency} ${Number(amount).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/**
 * One message per threshold crossed and recipient, keyed by budget scope, month, threshold and
 * recipient: the outbox keeps the first of each key, so each crossing is told once per month.
 */
export function thresholdNotices(status: BudgetStatus, at: number): { threshold: Threshold; notices: OutgoingNotification[] }[] {
  return status.crossed.map((t) => {
    const what = t.basis === "forecast" ? `forecast to reach ${t.percent} %` : `${t.percent} % reached`;
    const forecast = status.forecast ? `; month-end forecast ${money(status.forecast.cost, status.currency)} (${status.forecast.percent} %)` : "";
    const text = `${status.scope} has cost ${money(status.actual, status.currency)} of its ${money(status.amount, status.currency)} budget for ${status.month} (${status.actualPercent} %)${forecast}.`;
    const facts: Record<string, string> = {
      scope: status.scope,
      month: status.month,
      budget: money(status.amount, status.currency),
      actual: `${money(status.actual, status.currency)} (${status.actualPercent} %)`,
      threshold: `${t.percent} % ${t.basis}`,
      ...(status.forecast ? { forecast: `${money(status.forecast.cost, status.currency)} (${status.forecast.percent} %)` } : {}),
    };
    return {
      threshold: t,
      notices: status.notify.map((recipient) => ({
        key: `threshold|${status.scope}|${status.month}|${t.basis}:${t.percent}|${recipient}`,
        kind: "threshold" as const,
        channel: channelOf(recipient),
        recipient,
        subject: `Budget ${what}: ${status.scope} (${status.month})`,
        text,
        link: `/budgets?month=${status.month}`,
        facts,
        createdAt: at,
      })),
    };
  });
}

/** A unit's statement for a closed month is ready: one message per recipient, per close (a reopened and closed again month is told again). */
export function monthClosedNotices(month: string, closedAt: number, businessUnit: string, recipients: readonly string[], at: number): OutgoingNotification[] {
  return recipients.map((recipient) => ({
    key: `month-closed|${month}|${closedAt}|${businessUnit}|${recipient}`,
    kind: "month-closed" as const,
    channel: channelOf(recipient),
    recipient,
    subject: `Chargeback statement for ${businessUnit}, ${month}`,
    text: `Finance has closed ${month}: the chargeback statement of ${businessUnit} is final.`,
    link: `/business-units/${encodeURIComponent(businessUnit)}/statement?month=${month}`,
    facts: { businessUnit, month },
    createdAt: at,
  }));
}
