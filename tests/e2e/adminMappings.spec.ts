import { BILLED_KIND_DEPLOYMENTS, DEMO_DEPLOYMENTS } from "../../ingest/worker/demo/demoOrganisation";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import type { ChargebackReport } from "../../lib/reports/getChargebackReport";
import { currentMonth, DEMO_MARKUP, PERSONAS, previousMonth, roundingBound, signInAs, today, UNIT_A, UNIT_B } from "./personas";
import { leading } from "../support/arrays";
import { itemAt } from "../../lib/core/arrays";

const M = currentMonth();
const cents = (amount: string) => Number(amount.replace(".", ""));
const report = async (page: Page, query = "", month = M) =>
  (await (await page.request.get(`/api/v1/reports/chargeback?month=${month}${query}`)).json()) as ChargebackReport;

/**
 * The month and day to move an app from, so that both units have usage whatever day it is: the
 * middle of this month's days so far, or (on the 1st, when only today has usage) last month's 15th.
 */
function moveDay(): { month: string; day: string } {
  const dayOfMonth = Number(today().slice(8, 10));
  if (dayOfMonth < 2) return { month: previousMonth(), day: `${previousMonth()}-15` };
  return { month: M, day: `${M}-${String(Math.ceil(dayOfMonth / 2) + 1).padStart(2, "0")}` };
}
const unitCost = (r: ChargebackReport, unit: string) => cents(r.rows.find((x) => x.key === unit)?.cost ?? "0.00");

test("assigning an unmapped app moves exactly its cost from unmapped to the unit", async ({ page }) => {
  await signInAs(page, PERSONAS.admin, "/admin/mappings");
  const before = await report(page);
  const row = page.getByTestId("unmapped-app").first();
  const appName = (await row.getByRole("rowheader").getByRole("link").textContent())!;
  const appId = (await row.locator("th .hint").textContent())!.trim();
  const appCost = cents(before.unmapped.apps.find((a) => a.appId === appId)?.cost ?? "0.00");
  const option = await row
    .getByRole("combobox")
    .locator("option", { hasText: `· ${UNIT_A}` })
    .first()
    .getAttribute("value");
  await row.getByRole("combobox").selectOption(option!);
  await page.screenshot({ path: "test-results/screenshots/admin-mappings.png", fullPage: true });
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  await row.getByRole("button", { name: `Assign ${appName}` }).click();
  await expect(page.getByRole("status")).toContainText(`to ${option!.split("|")[0]} (${UNIT_A})`);

  const after = await report(page);
  expect(after.unmapped.apps.map((a) => a.appId)).not.toContain(appId);
  // Each figure moves by the app's cost, to within the rounding of the figures compared. Once
  // mapped, the app's cost carries the unit's markup (the demo's 2%), which is what the total gains.
  expect(Math.abs(cents(before.unmapped.cost) - cents(after.unmapped.cost) - appCost)).toBeLessThan(roundingBound(1, 1, 1));
  expect(Math.abs(unitCost(after, UNIT_A) - unitCost(before, UNIT_A) - appCost * DEMO_MARKUP)).toBeLessThan(roundingBound(1, 1, DEMO_MARKUP));
  expect(Math.abs(cents(after.total) - cents(before.total) - appCost * (DEMO_MARKUP - 1))).toBeLessThan(roundingBound(1, 1, DEMO_MARKUP - 1));
  await page.goto("/admin/audit");
  await expect(page.getByTestId("audit-row").first()).toContainText("mappings.assign");
  await expect(page.getByTestId("audit-row").first()).toContainText(appId);
});

test("moving an app mid-month splits its month between the two units", async ({ page }) => {
  await signInAs(page, PERSONAS.admin, "/admin/mappings");
  const { month, day } = moveDay();
  const byApp = await report(page, `&by=app&businessUnit=${encodeURIComponent(UNIT_A)}`, month);
  const app = itemAt(byApp.rows, 0);
  await page.getByLabel("App to move").selectOption(app.key);
  const target = await page
    .getByLabel("Cost center to move it to")
    .locator("option", { hasText: `· ${UNIT_B}` })
    .first()
    .getAttribute("value");
  await page.getByLabel("Cost center to move it to").selectOption(target!);
  await page.getByLabel("First day in the new cost center").fill(day);
  await page.getByLabel("Reason for the move").fill("team reorganisation");
  await page.getByRole("button", { name: "Move" }).click();
  await expect(page.getByRole("status")).toContainText(`Moved ${app.key}`);

  const inA = (await report(page, `&by=app&businessUnit=${encodeURIComponent(UNIT_A)}`, month)).rows.find((r) => r.key === app.key);
  const inB = (await report(page, `&by=app&businessUnit=${encodeURIComponent(UNIT_B)}`, month)).rows.find((r) => r.key === app.key);
  const whole = (await report(page, "&by=app", month)).rows.find((r) => r.key === app.key)!;
  expect(inA && inB).toBeTruthy();
  expect(cents(inA!.cost) + cents(inB!.cost)).toBe(cents(whole.cost));
  expect(inA!.requests + inB!.requests).toBe(whole.requests);
  await page.goto(`/apps/${app.key}?month=${month}`);
  await expect(page.getByRole("table", { name: "Mapping history" })).toContainText(day);
});

test("an import whose ranges overlap is previewed with the reason and saves nothing", async ({ page }) => {
  await signInAs(page, PERSONAS.admin, "/admin/mappings");
  const csv = await (await page.request.get("/api/v1/mappings?format=csv")).text();
  const [header, first] = leading(csv.trim().split("\n"), 2);
  const [appId, costCenter, unit] = first.split(",");
  const overlapping = `${header}\n${appId},${costCenter},${unit},2019-06-01,2030-01-01\n`;
  await page.getByLabel("CSV file").setInputFiles({ name: "overlap.csv", mimeType: "text/csv", buffer: Buffer.from(overlapping) });
  await page.getByRole("button", { name: "Apply" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "Nothing would be saved" });
  await expect(alert).toContainText("Nothing would be saved from overlap.csv");
  await expect(alert).toContainText(`app ${appId}: 2019-06-01..2030-01-01 (${costCenter}) overlaps`);
  expect(await (await page.request.get("/api/v1/mappings?format=csv")).text()).toBe(csv);

  // A clean file previews its changes first, and applies all of them.
  const fine = `${header}\nnew-app-from-csv,${costCenter},${unit},2026-01-01,\n`;
  await page.getByLabel("CSV file").setInputFiles({ name: "fine.csv", mimeType: "text/csv", buffer: Buffer.from(fine) });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("table", { name: /Preview of fine.csv: 1 added, 0 changed, 0 unchanged/ })).toBeVisible();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("status")).toHaveText("Imported fine.csv: 1 added, 0 changed, 0 unchanged.");
});

test("the price book and the deployments in use are there to check, with what is waiting on them", async ({ page }) => {
  await signInAs(page, PERSONAS.finance, "/admin/prices?q=gpt-4o-2024-08-06");
  await expect(page.getByTestId("price-row").first()).toContainText("gpt-4o-2024-08-06");
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  await page.screenshot({ path: "test-results/screenshots/admin-prices.png", fullPage: true });
  await page.goto("/admin/deployments");
  await expect(page.getByTestId("deployment-row")).toHaveCount(DEMO_DEPLOYMENTS.length + BILLED_KIND_DEPLOYMENTS.length);
  await page.screenshot({ path: "test-results/screenshots/admin-deployments.png", fullPage: true });
});
