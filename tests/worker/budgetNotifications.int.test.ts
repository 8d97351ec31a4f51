import { describe, expect, it } from "vitest";
import { importBudgets, OPERATOR } from "../../lib/budgets/importBudgets";
import { startHookServer, startMailServer } from "../support/mailAndHooks";
import { seedOctoberAndNovember } from "../support/twoMonths";
import { startCli, waitAtMost, waitFor, workerStore } from "../support/workerProcess";
import { itemAt } from "../../lib/core/arrays";

const AUDIT = { actor: "test", action: "budgets.import", reason: "test" };

describe("budget notifications through the worker", () => {
  it("tells a unit's crossing of 80 % by e-mail and a Teams card exactly once, through a worker restart", async () => {
    const mail = await startMailServer();
    const hooks = await startHookServer();
    const { store, env, close } = workerStore();
    try {
      await seedOctoberAndNovember(store);
      // Retail has cost $0.35 in November: 87.5 % of $0.40.
      const csv = "scope,amount,validFrom,thresholds,notify\nbusiness-unit:Retail,0.40,2026-11-01,80;100,retail-lead@example.com;webhook:finops\n";
      await importBudgets(store, csv, "budgets.csv", "USD", OPERATOR, AUDIT);
      const workerEnv = {
        ...env,
        CHARGEBACK_NOW: "2026-11-20T12:00:00Z",
        CHARGEBACK_SMTP_URL: mail.url,
        CHARGEBACK_MAIL_FROM: "Chargeback <chargeback@example.com>",
        CHARGEBACK_WEBHOOKS: JSON.stringify([{ name: "finops", format: "teams", url: `${hooks.url}/teams` }]),
        CHARGEBACK_PUBLIC_URL: "https://chargeback.example.com",
        CHARGEBACK_BUDGET_CHECK_SECONDS: "1",
      };
      const first = startCli(["worker", "--source", "demo", "--rate", "1"], workerEnv);
      await waitFor(() => mail.mails.length > 0 && hooks.posts.length > 0, "the first mail and webhook", 60_000);
      first.child.kill("SIGTERM");
      expect((await first.exited).code).toBe(0);

      const requests = async () => (await store.listDailyUsage("2026-11-01", "2026-12-01")).reduce((n, d) => n + d.requests, 0n);
      const before = await requests();
      const second = startCli(["worker", "--source", "demo", "--rate", "1"], workerEnv);
      // The second worker is running once its demo traffic lands; then several turns of the budget task, none of which may tell the crossing again.
      await waitFor(async () => (await requests()) > before, "the restarted worker's traffic", 60_000);
      await waitAtMost(() => mail.mails.length > 1 || hooks.posts.length > 1, 4_000);
      second.child.kill("SIGTERM");
      await second.exited;

      expect(mail.mails).toHaveLength(1);
      const m = itemAt(mail.mails, 0);
      expect(m.to).toEqual(["retail-lead@example.com"]);
      expect(m.subject).toBe("Budget 80 % reached: business-unit:Retail (2026-11)");
      expect(m.text).toContain("business-unit:Retail has cost USD 0.35 of its USD 0.40 budget for 2026-11 (87.5 %)");
      expect(m.text).toContain("https://chargeback.example.com/budgets?month=2026-11");
      expect(hooks.posts).toHaveLength(1);
      const card = JSON.parse(itemAt(hooks.posts, 0).body);
      expect(itemAt(hooks.posts, 0).path).toBe("/teams");
      expect(card.type).toBe("message");
      expect(card.attachments[0].contentType).toBe("application/vnd.microsoft.card.adaptive");
      expect(card.attachments[0].content.body[0].text).toBe("Budget 80 % reached: business-unit:Retail (2026-11)");
      expect(card.attachments[0].content.actions[0].url).toBe("https://chargeback.example.com/budgets?month=2026-11");
      const log = await store.listNotifications(10);
      expect(log.map((n) => [n.channel, n.recipient, n.status, n.attempts])).toEqual([
        ["email", "retail-lead@example.com", "sent", 1],
        ["webhook", "webhook:finops", "sent", 1],
      ]);
    } finally {
      await close();
    }
  });
});
