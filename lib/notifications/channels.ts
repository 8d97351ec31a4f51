import type { Webhook } from "../config/notificationSettings";
import { parseRetryAfter, Retryable, type RetryPolicy, withRetry } from "../retry/retryPolicy";
import { countRetry } from "../telemetry/instruments";
import type { StoredNotification } from "./notification";
import { signatureHeaders, webhookBody } from "./webhookPayload";

/** A file sent with an e-mail (a statement's PDF). */
export type Attachment = { filename: string; content: Buffer; contentType: string };

/**
 * Where messages go: the SMTP server and sender, the webhooks by name, the signing key and the
 * app's address; `attachmentsOf` gives an e-mail its files (read when it is sent, so a retried
 * message carries them too).
 */
export type Channels = {
  smtpUrl?: string;
  mailFrom: string;
  webhooks: readonly Webhook[];
  webhookSecret?: string;
  publicUrl: string;
  attachmentsOf?: (n: StoredNotification) => Promise<Attachment[]>;
};

// One attempt is a few quick tries (a 429's Retry-After honoured briefly); the outbox retries
// later, with longer waits, whatever this leaves undelivered.
const QUICK: RetryPolicy = { maxAttempts: 3, maxTotalMs: 20_000, firstDelayMs: 500, maxDelayMs: 4_000, maxRetryAfterMs: 10_000 };
const TIMEOUT_MS = 15_000;

/** A delivery that cannot succeed as configured (no SMTP server, an unknown webhook): not worth asking again soon, but kept. */
export class NotDeliverable extends Error {}

const linkOf = (channels: Channels, n: StoredNotification) => new URL(n.link, channels.publicUrl).toString();

async function sendEmail(channels: Channels, n: StoredNotification): Promise<void> {
  if (!channels.smtpUrl) throw new NotDeliverable("no SMTP server configured (CHARGEBACK_SMTP_URL)");
  // Loaded on first use: only the worker sends mail.
  const nodemailer = await import("nodemailer");
  const transport = nodemailer.createTransport({
    url: channels.smtpUrl,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  try {
    const facts = Object.entries(n.facts).map(([k, v]) => `${k}: ${v}`);
    const attachments = (await channels.attachmentsOf?.(n)) ?? [];
    await transport.sendMail({
      attachments,
      from: channels.mailFrom,
      to: n.recipient,
      subject: n.subject,
      text: `${n.text}\n\n${facts.join("\n")}\n\n${linkOf(channels, n)}\n`,
      // The outbox key: a receiving system can tell a message it already has.
      messageId: `<${Buffer.from(n.key).toString("base64url").slice(0, 120)}@chargeback>`,
    });
  } finally {
    transport.close();
  }
}

async function postWebhook(channels: Channels, n: StoredNotification, at: number): Promise<void> {
  const name = n.recipient.replace(/^webhook:/, "");
  const hook = channels.webhooks.find((w) => w.name === name);
  if (!hook) throw new NotDeliverable(`no webhook ${name} configured (CHARGEBACK_WEBHOOKS)`);
  const body = JSON.stringify(webhookBody(hook.format, { ...n, url: linkOf(channels, n) }));
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (hook.format === "json") {
    if (!channels.webhookSecret) throw new NotDeliverable("generic JSON webhooks are signed: set CHARGEBACK_WEBHOOK_SECRET");
    Object.assign(headers, signatureHeaders(channels.webhookSecret, body, at));
  }
  await withRetry(
    QUICK,
    async () => {
      let response: Response;
      try {
        response = await fetch(hook.url, { method: "POST", headers, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
      } catch (error) {
        throw new Retryable(`webhook ${name} did not answer: ${(error as Error).message}`);
      }
      if (response.ok) return;
      const detail = `webhook ${name} answered ${response.status}`;
      if (response.status === 429 || response.status >= 500) throw new Retryable(detail, parseRetryAfter(response.headers.get("retry-after")));
      throw new Error(detail);
    },
    { onRetry: countRetry("webhook") },
  );
}

/** Delivers one notification once (a few quick tries for a webhook); throws when it was not delivered. */
export function deliver(channels: Channels, n: StoredNotification, at: number): Promise<void> {
  return n.channel === "email" ? sendEmail(channels, n) : postWebhook(channels, n, at);
}
