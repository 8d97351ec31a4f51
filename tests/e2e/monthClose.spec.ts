import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { parse } from "csv-parse/sync";
import { expect, test } from "@playwright/test";
import type { ChargebackReport } from "../../lib/reports/getChargebackReport";
import { formatMoney } from "../../lib/reports/formatMoney";
import { CLOSE_TIMEOUT, PERSONAS, previousMonth, signInAs, UNIT_A } from "./personas";

const previous = previousMonth();

test("finance closes last month, the figures freeze, and each unit's statement matches the report to the cent", async ({ page }) => {
  await signInAs(page, PERSONAS.finance, `/?month=${previous}`);
  const report = async () => (await (await page.request.get(`/api/v1/reports/chargeback?month=${previous}`)).json()) as ChargebackReport;
  const before = await report();
  expect(before.closed).toBeNull();
  await expect(page.getByTestId("month-status")).toContainText(`${previous} is open`, CLOSE_TIMEOUT);

  await page.getByRole("button", { name: `Close ${previous}` }).click();
  await expect(page.getByTestId("month-status")).toContainText("by Finance analyst: these figures are the frozen statement", CLOSE_TIMEOUT);
  const after = await report();
  // The money freezes; the live call counts are an open month's only.
  const { calls, ...money } = before;
  expect(calls).toBeDefined();
  expect(after.calls).toBeUndefined();
  expect({ ...after, closed: null }).toEqual(money);
  await expect(page.getByTestId("total")).toHaveText(formatMoney(after.total));
  await page.screenshot({ path: "test-results/screenshots/finance-closed-month.png", fullPage: true });

  await page.getByRole("link", { name: UNIT_A, exact: true }).click();
  await page.getByRole("link", { name: `Statement for ${previous}` }).click();
  const unitCost = after.rows.find((r) => r.key === UNIT_A)!.cost;
  await expect(page.getByTestId("statement-total")).toHaveText(formatMoney(unitCost));
  await expect(page.getByTestId("statement-line").first()).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  await page.screenshot({ path: "test-results/screenshots/statement.png", fullPage: true });
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: "test-results/screenshots/statement-print.png", fullPage: true });
  await page.emulateMedia({ media: "screen" });

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  const rows = parse(fs.readFileSync(await download.path(), "utf8"), { columns: true }) as Record<
    "cost" | "appName" | "requests" | "reason" | "businessUnit" | "kind" | "prices",
    string
  >[];
  const total = rows.pop()!;
  expect(total.appName).toBe("Total");
  expect(total.cost).toBe(unitCost);
  const lineCents = rows.reduce((sum, r) => sum + BigInt(r.cost.replace(".", "")), 0n);
  expect(lineCents).toBe(BigInt(unitCost.replace(".", "")));
  expect(rows.every((r) => r.businessUnit === UNIT_A && (r.kind === "markup" || r.prices !== ""))).toBe(true);
  // The demo platform team's 2% markup is its own line per cost center, never inside the usage lines.
  const markups = rows.filter((r) => r.kind === "markup");
  expect(markups.length).toBeGreaterThan(0);
  expect(markups.every((r) => r.appName === "Platform team cost recovery" && r.requests === "0" && r.reason.startsWith("2% of usage cost"))).toBe(true);
  await expect(page.getByTestId("statement-line").filter({ hasText: "Platform team cost recovery" }).first()).toContainText(
    "2% of usage cost, every business unit",
  );
});

test("reopening needs a reason, and the month's figures are live again", async ({ page }) => {
  await signInAs(page, PERSONAS.finance, `/?month=${previous}`);
  await expect(page.getByTestId("month-status")).toContainText("frozen statement", CLOSE_TIMEOUT);
  await page.getByLabel("Reason to reopen").fill("owners asked for a mapping fix");
  await page.getByRole("button", { name: `Reopen ${previous}` }).click();
  await expect(page.getByTestId("month-status")).toContainText(`${previous} is open`, CLOSE_TIMEOUT);
  expect(((await (await page.request.get(`/api/v1/reports/chargeback?month=${previous}`)).json()) as ChargebackReport).closed).toBeNull();
  // Close it again, so the screenshots and later checks see a closed month.
  await page.getByRole("button", { name: `Close ${previous}` }).click();
  await expect(page.getByTestId("month-status")).toContainText("frozen statement", CLOSE_TIMEOUT);
});

test("a unit owner cannot close a month, even by posting the form", async ({ page }) => {
  await signInAs(page, PERSONAS.ownerA, `/?month=${previous}`);
  await expect(page.getByRole("button", { name: /^Close / })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Reopen / })).toHaveCount(0);
});
