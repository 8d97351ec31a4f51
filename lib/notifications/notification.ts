/** Why someone is told: a budget threshold crossed, an anomaly found, or a month's statements issued. */
export type NotificationKind = "threshold" | "anomaly" | "month-closed";
/** How: an e-mail to an address, or a post to a configured webhook (by name). */
export type Channel = "email" | "webhook";

/**
 * One message to one recipient, in the outbox. `key` says what it is about and to whom (e.g.
 * `threshold|business-unit:Retail|2026-11|actual:80|ops@example.com`): the outbox keeps the
 * first message of a key and ignores any later one, so a crossing is told once, whatever restarts.
 */
export type OutgoingNotification = {
  key: string;
  kind: NotificationKind;
  channel: Channel;
  recipient: string;
  subject: string;
  /** Plain text, for the e-mail body and the webhook's text. */
  text: string;
  /** Link to the page it is about, relative to the app's base URL. */
  link: string;
  /** Structured facts for webhooks (generic JSON) and the delivery log. */
  facts: Record<string, string>;
  createdAt: number;
};

/** `pending` until delivered (retried with back-off, never given up on); `sent` once a server accepted it. */
export type NotificationStatus = "pending" | "sent";

export type StoredNotification = OutgoingNotification & {
  status: NotificationStatus;
  attempts: number;
  /** When it may next be tried (a claimed one: when its claim lapses). */
  dueAt: number;
  sentAt: number | null;
  lastError: string | null;
};

/** What one attempt came to: delivered, or failed and to be tried again at `retryAt`. */
export type DeliveryOutcome = { sent: true; at: number } | { sent: false; at: number; error: string; retryAt: number };
