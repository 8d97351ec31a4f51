import { describe, expect, it } from "vitest";
import { importBudgets, OPERATOR } from "../../../lib/budgets/importBudgets";
import { queueBudgetNotices } from "../../../lib/notifications/checkBudgets";
import { closeMonth } from "../../../lib/statements/closeMonth";
import { itemAt } from "../../../lib/core/arrays";
import { deliverDue } from "../../../lib/notifications/deliverDue";
import { statementAttachments } from "../../../lib/notifications/statementAttachments";
import { getStatement } from "../../../lib/statements/getStatement";
import { leading } from "../../support/arrays";
import { startMailServer } from "../../support/mailAndHooks";
import { pdfRows } from "../../support/pdfText";
import { octoberAndNovember } from "../../support/twoMonths";

const NOV_3 = Date.parse("2026-11-03T09:00:00Z");

describe("month closed", () => {
  it("tells the recipients of each unit's budget that its statement is ready, once per close, with a link to it", async () => {
    const store = await octoberAndNovember();
    const csv =
      "scope,amount,validFrom,thresholds,notify\nbusiness-unit:Retail,1000,2026-10-01,100,retail-lead@example.com\nbusiness-unit:Marketing,1000,2026-10-01,100,\n";
    await importBudgets(store, csv, "b.csv", "USD", OPERATOR, { actor: "t", action: "budgets.import", reason: "t" });
    await closeMonth(store, "2026-10", "finance", NOV_3 - 3_600_000);
    expect(await queueBudgetNotices(store, NOV_3, 1)).toEqual({ crossed: [], queued: 1 });
    expect(await queueBudgetNotices(store, NOV_3, 2)).toEqual({ crossed: [], queued: 0 });
    const [notice] = await store.listNotifications(10);
    expect(notice).toMatchObject({
      kind: "month-closed",
      channel: "email",
      recipient: "retail-lead@example.com",
      subject: "Chargeback statement for Retail, 2026-10",
      link: "/business-units/Retail/statement?month=2026-10",
      status: "pending",
    });
    // Its e-mail carries the unit's statement PDF, as issued.
    const mail = await startMailServer();
    const channels = { smtpUrl: mail.url, mailFrom: "chargeback@example.com", webhooks: [], publicUrl: "https://cb.example.com" };
    expect(await deliverDue(store, { ...channels, attachmentsOf: (n) => statementAttachments(store, n) })).toEqual({ sent: 1, failed: 0 });
    const [sent] = leading(mail.mails, 1);
    expect(sent.attachments.map((a) => [a.filename, a.contentType])).toEqual([["statement-2026-10-Retail.pdf", "application/pdf"]]);
    const pages = await pdfRows(itemAt(sent.attachments, 0).content);
    const total = (await getStatement(store, "2026-10", "Retail"))?.total;
    expect(itemAt(pages, 0).map((r) => r.join(" "))).toContain(`Total for 2026-10 USD ${total}`);

    // A week later the close is old news: a first start on an old store does not mail its history.
    const other = await octoberAndNovember();
    await importBudgets(other, csv, "b.csv", "USD", OPERATOR, { actor: "t", action: "budgets.import", reason: "t" });
    await closeMonth(other, "2026-10", "finance", NOV_3 - 3_600_000);
    expect((await queueBudgetNotices(other, NOV_3 + 7 * 86_400_000, 1)).queued).toBe(0);
  });
});
