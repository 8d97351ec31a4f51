import { loadConfig } from "../config/schema";
import { now } from "../core/clock";
import type { BudgetStore, LedgerStore, NotificationStore, ReportStore } from "../store/port";
import { recordBudgetCheck } from "../telemetry/instruments";
import type { Channels } from "./channels";
import { queueAnomalyNotices } from "./anomalyNotices";
import { queueBudgetNotices } from "./checkBudgets";
import { type DeliveryRun, deliverDue } from "./deliverDue";
import { statementAttachments } from "./statementAttachments";

/** The channels the settings name (lib/config/notificationSettings.ts), e-mails of a closed month carrying the unit's statement PDF. */
export function channelsFromConfig(store: LedgerStore): Channels {
  const c = loadConfig();
  return {
    attachmentsOf: (n) => statementAttachments(store, n),
    smtpUrl: c.CHARGEBACK_SMTP_URL,
    mailFrom: c.CHARGEBACK_MAIL_FROM,
    webhooks: c.CHARGEBACK_WEBHOOKS,
    webhookSecret: c.CHARGEBACK_WEBHOOK_SECRET,
    publicUrl: c.CHARGEBACK_PUBLIC_URL,
  };
}

/**
 * One turn of the worker's budget task: queue what budgets, anomalies and closes call for, then send what is
 * due (`at`: the business clock, which month is checked). A failed check is counted and thrown (the task runs again at its next turn); what was
 * queued before stays queued, and delivery runs even when the check failed.
 */
export async function runNotifications(
  store: ReportStore & BudgetStore & NotificationStore,
  channels = channelsFromConfig(store),
  at = now(),
): Promise<DeliveryRun & { queued: number }> {
  let queued = 0;
  let failure: unknown;
  try {
    const checked = await queueBudgetNotices(store, at);
    queued = checked.queued + (await queueAnomalyNotices(store, at));
    recordBudgetCheck(true, checked.crossed);
  } catch (error) {
    recordBudgetCheck(false, []);
    failure = error;
  }
  const delivered = await deliverDue(store, channels);
  if (failure) throw failure;
  return { ...delivered, queued };
}
