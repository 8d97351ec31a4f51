import { budgetsInMonth, type Threshold } from "../budgets/budget";
import { getBudgetStatus } from "../budgets/budgetStatus";
import { monthOf, now } from "../core/clock";
import { LedgerReader } from "../ledger/ledgerReader";
import type { BudgetStore, NotificationStore, ReportStore } from "../store/port";
import { monthClosedNotices, thresholdNotices } from "./budgetNotices";

type Store = ReportStore & BudgetStore & NotificationStore;
/** Closes older than this are not announced: a first start on an old store does not mail its history. */
const CLOSE_NEWS_MS = 7 * 86_400_000;

/**
 * Queues a message for each threshold of this month's budgets crossed and each unit whose month
 * was closed in the last week, for each recipient; the outbox drops what was told before. Says
 * which thresholds were newly crossed. `at` is the business clock (which month); `queuedAt` the wall clock.
 */
export async function queueBudgetNotices(store: Store, at = now(), queuedAt = Date.now()): Promise<{ crossed: Threshold[]; queued: number }> {
  const reader = new LedgerReader(store);
  const budgets = await store.listBudgets();
  const crossed: Threshold[] = [];
  let queued = 0;
  for (const status of await getBudgetStatus(reader, budgets, monthOf(at), at)) {
    for (const { threshold, notices } of thresholdNotices(status, queuedAt)) {
      const added = notices.length === 0 ? 0 : await store.enqueueNotifications(notices);
      if (added > 0) crossed.push(threshold);
      queued += added;
    }
  }
  for (const entry of await store.listMonthLog()) {
    if (entry.action !== "close" || entry.at < at - CLOSE_NEWS_MS) continue;
    const closed = await store.getClosedMonth(entry.month);
    if (!closed || closed.closedAt !== entry.at) continue;
    const units = [...new Set((await reader.statementLines({ month: entry.month })).map((l) => l.businessUnit).filter(Boolean))];
    for (const unit of units) {
      const recipients = [...new Set(budgetsInMonth(budgets, entry.month).flatMap((b) => (b.scope === `business-unit:${unit}` ? b.notify : [])))];
      if (recipients.length > 0) queued += await store.enqueueNotifications(monthClosedNotices(entry.month, entry.at, unit, recipients, queuedAt));
    }
  }
  return { crossed, queued };
}
