import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { parseCents } from "../../lib/core/money";
import { formatMoney } from "../../lib/reports/formatMoney";
import type { FilteredReport } from "../../lib/reports/getFilteredReport";
import { cli, currentMonth, PERSONAS, previousMonth, roundingBound, signInAs, UNIT_A, UNIT_B } from "./personas";

const M = currentMonth();
const enc = encodeURIComponent;
const seriousViolations = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical");
const cents = (money: string) => Number(parseCents(money.replace(/[^0-9.-]/g, "")));

test("a unit owner lands on their unit; finance keeps the overview of every unit", async ({ page }) => {
  await signInAs(page, PERSONAS.ownerA);
  await expect(page).toHaveURL(new RegExp(`/business-units/${enc(UNIT_A)}\\?month=${M}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${UNIT_A}: ${M}`);
  await page.context().clearCookies();
  await signInAs(page, PERSONAS.finance);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Chargeback for ${M}`);
});

test("owner: which app drove my cost up, and on which day, in at most 2 clicks from where they land", async ({ page }) => {
  await signInAs(page, PERSONAS.ownerA);
  let clicks = 0;
  // Which day rose most, from the API the chart is drawn from.
  const daily = (await (await page.request.get(`/api/v1/reports/daily?month=${M}&businessUnit=${enc(UNIT_A)}`)).json()) as {
    days: string[];
    cost: Record<string, Record<string, string>>;
  };
  const cost = (day: string | undefined) => (day ? cents(daily.cost[day]?.[UNIT_A] ?? "0") : 0);
  const rises = daily.days.slice(1).map((day, i) => ({ day, rise: cost(day) - cost(daily.days[i]) }));
  expect(rises.length).toBeGreaterThan(0);
  const spike = rises.reduce((best, d) => (d.rise > best.rise ? d : best));

  // Click 1: the day's bar on the unit's daily chart.
  await page.locator(`a[data-day="${spike.day}"]`).click();
  clicks++;
  await expect(page).toHaveURL(new RegExp(`/days/${spike.day}\\?unit=${enc(UNIT_A)}`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${UNIT_A}: ${spike.day} (UTC)`);
  // The day's cost is the chart's, to the rounding of one figure.
  expect(Math.abs(cents((await page.getByTestId("day-total").textContent())!) - cost(spike.day))).toBeLessThan(roundingBound(1) + 1);

  // The answer is on the page: the apps table, largest change against the day before first.
  const apps = page.getByTestId("day-app-row");
  await expect(apps.first()).toBeVisible();
  const deltas = await page.getByTestId("day-app-delta").allTextContents();
  const values = deltas.map(cents);
  expect(values).toEqual([...values].sort((a, b) => b - a));
  const driver = (await apps.first().getByRole("rowheader").textContent())!;
  expect(driver.length).toBeGreaterThan(0);
  expect(clicks).toBeLessThanOrEqual(2);
  // Nothing of another unit on an owner's day.
  await expect(page.getByTestId("day-unit-row")).toHaveCount(0);
  expect(await page.content()).not.toContain(UNIT_B);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: "test-results/screenshots/owner-day.png", fullPage: true });
});

test("filters live in the address on the pages and in the report API; bad ones are explained", async ({ page }) => {
  await signInAs(page, PERSONAS.finance, `/?month=${M}&unit=${enc(UNIT_A)}`);
  const report = JSON.parse(cli("report", "--month", M)) as { rows: { name: string; cost: string }[] };
  const unitA = report.rows.find((r) => r.name === UNIT_A)!;
  await expect(page.getByTestId("bu-row")).toHaveCount(1);
  await expect(page.getByTestId("total")).toHaveText(formatMoney(unitA.cost));
  await expect(page.getByTestId("filter-chip")).toHaveText([`Unit: ${UNIT_A} ×`]);
  // A day opened from the filtered chart keeps the filter.
  await expect(page.locator(`a[data-day]`).first()).toHaveAttribute("href", new RegExp(`unit=${enc(UNIT_A)}`));
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId("filter-chip").click();
  await expect(page.getByTestId("bu-row")).toHaveCount(report.rows.length);

  // The form adds chips: a model.
  const models = (await (await page.request.get(`/api/v1/reports/costs?month=${M}&by=model`)).json()) as FilteredReport;
  const model = models.rows.find((r) => !r.fee)!;
  await page.getByRole("combobox", { name: "Model" }).selectOption(model.key);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`model=${enc(model.key)}`));
  await expect(page.getByTestId("total")).toHaveText(formatMoney(model.cost));

  // The API: a unit and an environment, the period, search and pages.
  const api = async (query: string) => page.request.get(`/api/v1/reports/costs?${query}`);
  const byApp = (await (await api(`month=${M}&by=app&unit=${enc(UNIT_A)}`)).json()) as FilteredReport;
  expect(byApp.total).toBe(unitA.cost);
  const prod = (await (await api(`month=${M}&unit=${enc(UNIT_A)}&env=prod`)).json()) as FilteredReport;
  const dev = (await (await api(`month=${M}&unit=${enc(UNIT_A)}&env=dev`)).json()) as FilteredReport;
  expect(parseCents(prod.total)).toBeGreaterThan(0n);
  expect(parseCents(prod.total) + parseCents(dev.total)).toBeLessThanOrEqual(parseCents(unitA.cost));
  const two = (await (await api(`range=custom&from=${previousMonth()}&to=${M}`)).json()) as FilteredReport;
  const last = JSON.parse(cli("report", "--month", previousMonth())) as { total: string };
  const now = JSON.parse(cli("report", "--month", M)) as { total: string };
  expect(two.period.months).toEqual([previousMonth(), M]);
  expect(parseCents(two.total)).toBe(parseCents(last.total) + parseCents(now.total));
  const paged = (await (await api(`month=${M}&by=app&page=2`)).json()) as FilteredReport;
  expect(paged.paging.page).toBe(paged.paging.pages >= 2 ? 2 : 1);
  const first = byApp.rows[0]!;
  const searched = (await (await api(`month=${M}&by=app&q=${enc(first.name)}`)).json()) as FilteredReport;
  expect(searched.rows.map((r) => r.name)).toContain(first.name);

  const bad = await api(`month=${M}&tag=project`);
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toContain("is not key=value");
  expect((await api("month=2999-01")).status()).toBe(400);

  await page.goto(`/?month=${M}&range=week`);
  await expect(page.getByTestId("filter-problem")).toHaveText(
    'The period "week" is not one of: month, quarter, ytd (year to date), custom. Showing the report without that filter.',
  );
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Chargeback for ${M}`);
  await page.goto(`/?range=custom&from=${previousMonth()}&to=${M}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Chargeback for ${previousMonth()}…${M}`);
  await expect(page.getByTestId("total")).toHaveText(formatMoney(two.total));
});

test("an owner cannot filter their way into another unit", async ({ page }) => {
  await signInAs(page, PERSONAS.ownerA);
  expect((await page.request.get(`/api/v1/reports/costs?month=${M}&unit=${enc(UNIT_B)}`)).status()).toBe(403);
  expect((await page.goto(`/days/${M}-01?unit=${enc(UNIT_B)}`))?.status()).toBe(403);
  const mine = (await (await page.request.get(`/api/v1/reports/costs?month=${M}`)).json()) as FilteredReport;
  expect(mine.rows.map((r) => r.name)).toEqual([UNIT_A]);
});

test("months outside the data are refused politely, and unknown models, units and days are 404", async ({ page }) => {
  await signInAs(page, PERSONAS.finance, "/?month=2999-01");
  await expect(page.getByTestId("month-refused")).toHaveText(`2999-01 has not started yet; showing ${M}, the current month.`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Chargeback for ${M}`);
  await expect(page.getByText("-100")).toHaveCount(0);
  await page.goto(`/business-units/${enc(UNIT_A)}?month=1999-01`);
  await expect(page.getByTestId("month-refused")).toContainText("There is no usage before");
  await page.goto("/close?month=1999-01");
  await expect(page.getByTestId("month-refused")).toContainText("There is no usage before");
  await expect(page.getByRole("button", { name: /1999-01/ })).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Close ${previousMonth()}`);
  await page.goto("/models/not-a-model");
  expect((await page.goto("/models/not-a-model"))?.status()).toBe(404);
  expect((await page.goto(`/business-units/Nowhere/statement?month=${previousMonth()}`))?.status()).toBe(404);
  expect((await page.goto("/days/2999-01-01"))?.status()).toBe(404);
  expect((await page.goto("/days/not-a-day"))?.status()).toBe(404);
});
