import { createHmac } from "node:crypto";
import type { Webhook } from "../config/notificationSettings";
import type { StoredNotification } from "./notification";

type Message = Pick<StoredNotification, "key" | "kind" | "subject" | "text" | "facts" | "createdAt"> & { url: string };

/**
 * The body a webhook of this format expects: a Teams incoming webhook takes an Adaptive Card in a
 * message, Slack a text with blocks, and the generic JSON the message's own fields.
 */
export function webhookBody(format: Webhook["format"], m: Message): unknown {
  const facts = Object.entries(m.facts);
  if (format === "teams")
    return {
      type: "message",
      attachments: [
        {
          contentType: "application/vnd.microsoft.card.adaptive",
          contentUrl: null,
          content: {
            $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
            type: "AdaptiveCard",
            version: "1.4",
            body: [
              { type: "TextBlock", size: "Medium", weight: "Bolder", text: m.subject, wrap: true },
              { type: "TextBlock", text: m.text, wrap: true },
              { type: "FactSet", facts: facts.map(([title, value]) => ({ title, value })) },
            ],
            actions: [{ type: "Action.OpenUrl", title: "Open in Chargeback", url: m.url }],
          },
        },
      ],
    };
  if (format === "slack")
    return {
      text: `${m.subject}: ${m.text}`,
      blocks: [
        { type: "header", text: { type: "plain_text", text: m.subject.slice(0, 150) } },
        { type: "section", text: { type: "mrkdwn", text: m.text }, fields: facts.slice(0, 10).map(([k, v]) => ({ type: "mrkdwn", text: `*${k}*\n${v}` })) },
        { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Open in Chargeback" }, url: m.url }] },
      ],
    };
  return { id: m.key, kind: m.kind, subject: m.subject, text: m.text, url: m.url, facts: m.facts, createdAt: new Date(m.createdAt).toISOString() };
}

/**
 * The signature headers of a generic JSON webhook: HMAC-SHA256 of `<timestamp>.<body>` with the
 * shared secret, hex. A receiver recomputes it over the raw body and refuses an old timestamp, so
 * a captured request cannot be replayed later.
 */
export function signatureHeaders(secret: string, body: string, at: number): Record<string, string> {
  const timestamp = String(Math.floor(at / 1000));
  const signature = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return { "x-chargeback-timestamp": timestamp, "x-chargeback-signature": `sha256=${signature}` };
}
