import { retryDelay, type RetryPolicy } from "../retry/retryPolicy";
import { recordNotification } from "../telemetry/instruments";
import type { NotificationStore } from "../store/port";
import { type Channels, deliver, NotDeliverable } from "./channels";

/**
 * The outbox's own back-off between attempts: from half a minute doubling to an hour, never
 * giving up. A mail server that is down for a day delays its messages by a day; none is lost.
 */
export const OUTBOX_BACKOFF: RetryPolicy = {
  maxAttempts: Number.POSITIVE_INFINITY,
  maxTotalMs: Number.POSITIVE_INFINITY,
  firstDelayMs: 30_000,
  maxDelayMs: 3_600_000,
  maxRetryAfterMs: 3_600_000,
};
/** How long a claimed message is its worker's: longer than any attempt takes, so it is tried by one worker at a time. */
const LEASE_MS = 5 * 60_000;

export type DeliveryRun = { sent: number; failed: number };

/**
 * Sends what is due in the outbox, each claimed first so that no two workers send it, and records
 * each outcome: sent, or failed and due again after a back-off. Outbox times are the wall clock
 * (`at`), not the product's business clock: they pace machines, not months.
 */
export async function deliverDue(store: NotificationStore, channels: Channels, at = Date.now(), random: () => number = Math.random): Promise<DeliveryRun> {
  const run: DeliveryRun = { sent: 0, failed: 0 };
  for (;;) {
    const claimed = await store.claimDueNotifications(at, LEASE_MS, 50);
    if (claimed.length === 0) return run;
    for (const n of claimed) {
      try {
        await deliver(channels, n, at);
        const sentAt = Date.now();
        await store.saveDeliveryOutcome(n.key, { sent: true, at: sentAt });
        recordNotification(n.channel, n.kind, true, sentAt - n.createdAt);
        run.sent++;
      } catch (error) {
        // Not deliverable as configured: asked again at the longest wait, in case the settings change.
        const wait = error instanceof NotDeliverable ? OUTBOX_BACKOFF.maxDelayMs : retryDelay(OUTBOX_BACKOFF, n.attempts + 1, undefined, random);
        await store.saveDeliveryOutcome(n.key, { sent: false, at, error: (error as Error).message.slice(0, 500), retryAt: at + wait });
        recordNotification(n.channel, n.kind, false);
        run.failed++;
      }
    }
  }
}
