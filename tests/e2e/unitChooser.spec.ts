import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import type { ChargebackReport } from "../../lib/reports/getChargebackReport";
import { parseCents } from "../../lib/core/money";
import { formatMoney } from "../../lib/reports/formatMoney";
import { cli, currentMonth, PERSONAS, roundingBound, signInAs, UNIT_A, UNIT_B, UNIT_M } from "./personas";

const M = currentMonth();
const enc = encodeURIComponent;
// Hugo Moreau owns two units of the demo (Stores beside Ana Lima, and Marketing): the chooser lists them by name.
const OWN = [UNIT_M, UNIT_A].sort((a, b) => a.localeCompare(b));

/** Every unit's cost this month, as finance's CLI report gives it, by unit name. */
function financeCosts(): Map<string, string> {
  const report = JSON.parse(cli("report", "--month", M)) as { rows: { name: string; cost: string }[] };
  expect(report.rows.length).toBe(6);
  return new Map(report.rows.map((r) => [r.name, r.cost]));
}

/**
 * The owner's own report of the month (their units only), checked against finance's: each unit's
 * cents are allocated within the scope that is read, so they may differ by the rounding of each side.
 */
async function ownReport(page: Page, finance: Map<string, string>): Promise<ChargebackReport> {
  const report = (await (await page.request.get(`/api/v1/reports/chargeback?month=${M}`)).json()) as ChargebackReport;
  expect(report.rows.map((r) => r.key).sort((a, b) => a.localeCompare(b))).toEqual(OWN);
  for (const row of report.rows) {
    const gap = Number(parseCents(row.cost) - parseCents(finance.get(row.key)!));
    expect(Math.abs(gap), row.key).toBeLessThan(roundingBound(1, 1));
  }
  return report;
}

const costOf = (report: ChargebackReport, unit: string) => formatMoney(report.rows.find((r) => r.key === unit)!.cost);

test("an owner of two units lands on a chooser of exactly those two, each with its cost, each opening its unit", async ({ page }) => {
  const finance = financeCosts();
  await signInAs(page, PERSONAS.ownerAM, "/");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your business units");
  const own = await ownReport(page, finance);
  const choices = page.getByTestId("unit-chooser").getByRole("listitem");
  await expect(choices).toHaveCount(2);
  await expect(choices.getByRole("link")).toHaveText(OWN);
  for (const [i, unit] of OWN.entries()) await expect(choices.nth(i)).toHaveText(`${unit} ${costOf(own, unit)}`);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  for (const unit of OWN) {
    await page.goto("/");
    await page.getByTestId("unit-chooser").getByRole("link", { name: unit, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/business-units/${enc(unit)}\\?month=${M}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${unit}: ${M}`);
    await expect(page.getByTestId("total")).toHaveText(formatMoney(finance.get(unit)!));
    // Back to the chooser from the unit's page, not to an overview of every unit.
    await expect(page.getByRole("link", { name: "Your business units" })).toHaveAttribute("href", `/?month=${M}`);
  }
});

test("all of an owner's units together: both, their sum, and nothing of any other unit", async ({ page }) => {
  const finance = financeCosts();
  await signInAs(page, PERSONAS.ownerAM, "/");
  const own = await ownReport(page, finance);
  await page.getByRole("link", { name: "All 2 together" }).click();
  await expect(page).toHaveURL(new RegExp(`/\\?view=all&month=${M}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Chargeback for ${M}`);
  const rows = page.getByTestId("bu-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.getByRole("rowheader")).toHaveText(own.rows.map((r) => r.name));
  for (const unit of OWN) await expect(rows.filter({ hasText: unit }).getByTestId("bu-cost")).toHaveText(costOf(own, unit));
  await expect(page.getByTestId("total")).toHaveText(formatMoney(own.total));
  expect(own.rows.reduce((sum, r) => sum + parseCents(r.cost), 0n)).toBe(parseCents(own.total));
  // No other unit's name nor its cost anywhere on the page.
  const text = (await page.locator("main").textContent()) ?? "";
  for (const [unit, cost] of finance) {
    if (OWN.includes(unit)) continue;
    expect(text, unit).not.toContain(unit);
    expect(text, `${unit}'s cost`).not.toContain(formatMoney(cost));
  }
});

test("an owner of two units is refused every other unit, existing or not, on its page and in the API", async ({ page }) => {
  await signInAs(page, PERSONAS.ownerAM, "/");
  for (const unit of OWN) expect((await page.request.get(`/business-units/${enc(unit)}?month=${M}`)).status(), unit).toBe(200);
  expect((await page.goto(`/business-units/${enc(UNIT_B)}?month=${M}`))?.status()).toBe(403);
  expect((await page.goto("/business-units/Nowhere"))?.status()).toBe(403);
  expect((await page.request.get(`/api/v1/reports/chargeback?month=${M}&by=app&businessUnit=${enc(UNIT_B)}`)).status()).toBe(403);
});
