import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { formatMoney } from "../../lib/reports/formatMoney";
import { cli, currentMonth, PERSONAS, signInAs, UNIT_A, UNIT_B } from "./personas";

const month = currentMonth;
const cents = (money: string) => Math.round(Number(money.replace(/[^0-9.-]/g, "")) * 100);

test("a unit owner breaks their unit's month down by tag and end user, adding up to the unit's total, and sees its failed calls", async ({ page }) => {
  const unitPage = `/business-units/${encodeURIComponent(UNIT_A)}?month=${month()}`;
  await signInAs(page, PERSONAS.ownerA, unitPage);
  const total = await page.getByTestId("total").textContent();
  const breakdown = page.getByTestId("breakdown");
  await expect(breakdown.getByRole("caption")).toHaveText("Cost by tag project");
  const costs = await breakdown.getByTestId("breakdown-cost").allTextContents();
  expect(costs.length).toBeGreaterThan(2);
  expect(costs.reduce((n, c) => n + cents(c), 0)).toBe(cents(total!));
  await expect(breakdown.getByRole("rowheader", { name: "(untagged)" })).toBeVisible();

  // The picker offers the tag keys seen in the month, and end users.
  await expect(page.getByLabel("Break down by").getByRole("option")).toContainText(["End user", "Tag environment", "Tag project"]);
  await page.getByLabel("Break down by").selectOption("end-user");
  await page.getByRole("button", { name: "Break down" }).click();
  await expect(page).toHaveURL(/breakdown=end-user/);
  await expect(breakdown.getByRole("caption")).toHaveText("Cost by end user");
  // Paged: every page's rows together add up to the unit's total. The pager says how many pages
  // there are; each Next is clicked once it is there (a navigation re-renders the pager).
  const pager = page.getByTestId("breakdown-pager");
  await expect(pager).toContainText(/Page 1 of \d+/);
  const pages = Number((await pager.textContent())?.match(/Page 1 of (\d+)/)?.[1]);
  let userCents = 0;
  for (let at = 1; at <= pages; at++) {
    userCents += (await breakdown.getByTestId("breakdown-cost").allTextContents()).reduce((n, c) => n + cents(c), 0);
    expect(await breakdown.getByTestId("breakdown-row").count()).toBeLessThanOrEqual(50);
    if (at === pages) break;
    await pager.getByRole("link", { name: "Next →" }).click();
    // Read the next page only once it is there (the old one stays until the navigation ends).
    await expect(page).toHaveURL(new RegExp(`page=${at + 1}`));
    await expect(pager).toContainText(`Page ${at + 1} of`);
  }
  expect(pages).toBeGreaterThan(1);
  expect(userCents).toBe(cents(total!));
  await page.getByLabel("Search end users").fill("(no end user)");
  // The unit's app table has a search of its own: this is the breakdown's.
  await page.getByRole("region", { name: "Cost by tag or end user" }).getByRole("button", { name: "Search" }).click();
  await expect(breakdown.getByRole("rowheader", { name: "(no end user)" })).toBeVisible();

  // The owner's failed calls are their unit's apps only.
  const failed = page.getByTestId("failed-calls");
  await expect(failed.getByRole("caption")).toContainText("usage unknown (billed, not priced)");
  const calls = JSON.parse(cli("report", "--month", month())) as { calls: { apps: { appId: string; name: string; usageUnknown: number }[] } };
  const shown = await failed.getByTestId("failed-calls-row").getByRole("rowheader").allTextContents();
  expect(shown.length).toBeGreaterThan(0);
  expect(calls.calls.apps.map((a) => a.name)).toEqual(expect.arrayContaining(shown));
  expect(shown.length).toBeLessThan(calls.calls.apps.length);

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  const other = await page.goto(`/business-units/${encodeURIComponent(UNIT_B)}?month=${month()}&breakdown=tag:project`);
  expect(other?.status()).toBe(403);
});

test("a unit page's sort links keep the breakdown chosen, and its failed calls sort by a column from the address", async ({ page }) => {
  await signInAs(page, PERSONAS.finance, `/business-units/${encodeURIComponent(UNIT_A)}?month=${month()}&breakdown=end-user`);
  const breakdown = page.getByTestId("breakdown");
  await expect(breakdown.getByRole("caption")).toHaveText("Cost by end user");
  await page.getByRole("table", { name: "Cost by cost center" }).getByRole("link", { name: "Cost center", exact: true }).click();
  await expect(page).toHaveURL(/ccSort=name/);
  await expect(page).toHaveURL(/breakdown=end-user/);
  await expect(breakdown.getByRole("caption")).toHaveText("Cost by end user");

  // The failed calls by calls, most first: their own parameter, the breakdown and the other table's order kept.
  const failed = page.getByTestId("failed-calls");
  await failed.getByRole("link", { name: "Calls", exact: true }).click();
  await expect(page).toHaveURL(/failedSort=calls/);
  await expect(page).toHaveURL(/ccSort=name/);
  await expect(page).toHaveURL(/breakdown=end-user/);
  await expect(failed.locator('th[aria-sort="descending"]')).toHaveText("Calls ▼");
  const calls = (await failed.getByTestId("failed-calls-row").locator("td:nth-of-type(1)").allTextContents()).map((c) => Number(c.replace(/,/g, "")));
  expect(calls.length).toBeGreaterThan(1);
  expect(calls).toEqual([...calls].sort((a, b) => b - a));
  await failed.getByRole("link", { name: "App", exact: true }).click();
  await expect(page).toHaveURL(/failedSort=app/);
  await expect(failed.locator('th[aria-sort="ascending"]')).toHaveText("App ▲");
  const names = await failed.getByTestId("failed-calls-row").getByRole("rowheader").allTextContents();
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  // A report table's sort link keeps the failed calls' order.
  await page.getByRole("table", { name: "Cost by model" }).getByRole("link", { name: "Model", exact: true }).click();
  await expect(page).toHaveURL(/modelSort=name/);
  await expect(page).toHaveURL(/failedSort=app/);
  await expect(page).toHaveURL(/breakdown=end-user/);
});

test("finance sees the same split as the CLI, and a bad breakdown is explained, not an error", async ({ page }) => {
  await signInAs(page, PERSONAS.finance, `/business-units/${encodeURIComponent(UNIT_B)}?month=${month()}&breakdown=tag:environment`);
  await expect(page.getByTestId("breakdown-row").first()).toBeVisible();
  const rows = await page.getByTestId("breakdown-row").getByRole("rowheader").allTextContents();
  expect(rows).toEqual(expect.arrayContaining(["prod", "dev", "(untagged)"]));
  await page.goto(`/business-units/${encodeURIComponent(UNIT_B)}?month=${month()}&breakdown=tag:no%20spaces`);
  await expect(page.getByRole("alert").filter({ hasText: "Break down by" })).toContainText("Break down by tag:<key>");

  await page.goto("/");
  const report = JSON.parse(cli("report", "--month", month(), "--by", "tag:project")) as { total: string };
  await expect(page.getByTestId("total")).toHaveText(formatMoney(report.total));
  const all = JSON.parse(cli("report", "--month", month())) as { calls: { usageUnknown: number; failed: number } };
  expect(all.calls.usageUnknown).toBeGreaterThan(0);
  await expect(page.getByTestId("usage-unknown-total")).toHaveText(all.calls.usageUnknown.toLocaleString("en-US"));
});

test("an admin sees tags dropped from events on the Health page", async ({ page }) => {
  await signInAs(page, PERSONAS.admin, "/admin/health");
  const row = page.getByTestId("warning-row").first();
  await expect(row).toContainText("tag dropped: key not 1-32 of [a-z0-9_.-]");
  await expect(row.getByRole("rowheader")).toContainText("events.ndjson");
});
