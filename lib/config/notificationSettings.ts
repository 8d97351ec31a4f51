import { z } from "zod";
import { firstIssue } from "../core/errors";

export const WEBHOOK_FORMATS = ["teams", "slack", "json"] as const;
/** A webhook recipients name as `webhook:<name>`: Teams incoming webhook, Slack incoming webhook, or generic JSON (HMAC-signed). */
export const Webhook = z.object({
  name: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, "must be 1-64 letters, digits, . _ -"),
  format: z.enum(WEBHOOK_FORMATS, { error: "must be teams, slack or json" }),
  url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }),
});
export type Webhook = z.infer<typeof Webhook>;

const Webhooks = z
  .string()
  .trim()
  .optional()
  .transform((text, ctx): Webhook[] => {
    if (!text) return [];
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: "custom", message: 'must be a JSON array such as [{"name":"finops","format":"teams","url":"https://…"}]' });
      return z.NEVER;
    }
    const parsed = z.array(Webhook).safeParse(json);
    if (!parsed.success) {
      const i = firstIssue(parsed.error);
      ctx.addIssue({ code: "custom", message: `webhook ${i.path.join(".")}: ${i.message}` });
      return z.NEVER;
    }
    return parsed.data;
  });

/**
 * Budget checks, notifications and the gateway's budget state (lib/budgets, lib/notifications).
 * Mail goes out only with CHARGEBACK_SMTP_URL; a webhook only when configured here by name. The
 * URLs carry credentials (an SMTP password, a Teams or Slack webhook's token): set them from a
 * secret store, never in code.
 */
export const NotificationSettings = {
  // smtp://user:password@host:587 (STARTTLS when offered) or smtps://…:465; nodemailer's URL form.
  CHARGEBACK_SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be smtp://[user:password@]host[:port] or smtps://…" }).optional(),
  CHARGEBACK_MAIL_FROM: z.string().trim().default("Chargeback <chargeback@localhost>"),
  CHARGEBACK_WEBHOOKS: Webhooks,
  // The key generic JSON webhooks are signed with (X-Chargeback-Signature: sha256=<hex HMAC>).
  CHARGEBACK_WEBHOOK_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  // The web app's address, for links in notifications (https://chargeback.example.com).
  CHARGEBACK_PUBLIC_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).default("http://localhost:3000"),
  // How often the worker checks budgets and sends what is due (0: never).
  CHARGEBACK_BUDGET_CHECK_SECONDS: z.coerce.number().int("must be a whole number of seconds").min(0).max(86_400).default(300),
  // How often the web app refreshes the budget state the gateway asks for.
  CHARGEBACK_BUDGET_STATE_REFRESH_SECONDS: z.coerce.number().int("must be a whole number of seconds").min(5).max(3_600).default(60),
};
