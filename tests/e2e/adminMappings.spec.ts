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

/** Counts the admin's clicks, across the navigations a form causes: a choice from a dropdown is one. */
async function countClicks(page: Page) {
  await page.addInitScript(() => {
    const count = () => sessionStorage.setItem("clicks", String(Number(sessionStorage.getItem("clicks") ?? "0") + 1));
    document.addEventListener("click", (e) => e.isTrusted && count(), true);
    // Playwright chooses an option without a click event: the choice counts as the click it takes.
    document.addEventListener("change", (e) => e.target instanceof HTMLSelectElement && count(), true);
  });
  return {
    reset: () => page.evaluate(() => sessionStorage.setItem("clicks", "0")),
    read: () => page.evaluate(() => Number(sessionStorage.getItem("clicks") ?? "0")),
  };
}

test("mapping an unmapped app takes at most 3 clicks from nothing chosen, moves exactly its cost, and the app leaves the queue", async ({ page, browser }) => {
  const clicks = await countClicks(page);
  // Signed in on a light page: the first queue of a fresh store is computed cold, which on a loaded
  // machine outlasts sign-in's wait; a navigation waits longer.
  await signInAs(page, PERSONAS.admin, "/admin/audit");
  await page.goto("/admin/mappings");
  const before = await report(page);
  // Nothing is preselected on any row: one careless click can no longer misbook an app.
  for (const select of await page.getByTestId("unmapped-app").getByRole("combobox").all()) await expect(select).toHaveValue("");
  const row = page.getByTestId("unmapped-app").first();
  const appName = (await row.getByRole("rowheader").getByRole("link").textContent())!;
  const appId = (await row.locator("th .hint").textContent())!.trim();
  const appCost = cents(before.unmapped.apps.find((a) => a.appId === appId)?.cost ?? "0.00");
  const option = await row
    .getByRole("combobox")
    .locator("option", { hasText: `· ${UNIT_A}` })
    .first()
    .getAttribute("value");
  // A second tab, left open on the queue as it is now: it will try to assign the app again.
  const stale = await (await browser.newContext({ storageState: await page.context().storageState() })).newPage();
  await stale.goto("/admin/mappings");

  await clicks.reset();
  await row.getByRole("combobox").selectOption(option!);
  await page.screenshot({ path: "test-results/screenshots/admin-mappings.png", fullPage: true });
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  await row.getByRole("button", { name: `Assign ${appName}` }).click();
  // When the app's first day is in a closed month, the corrections are shown and booked with one more click.
  const done = page.getByRole("status").filter({ hasText: "Assigned" });
  const book = page.getByRole("button", { name: `Book the corrections and assign ${appName}` });
  await expect(done.or(book)).toBeVisible();
  if (await book.isVisible()) {
    await expect(page.getByTestId("corrections-preview")).toBeVisible();
    await book.click();
  }
  await expect(done).toContainText(`Assigned ${appName} to ${option!.split("|")[0]} (${UNIT_A})`);
  expect(await clicks.read()).toBeLessThanOrEqual(3);
  await expect(page.getByTestId("unmapped-app").filter({ hasText: appId })).toHaveCount(0);

  const after = await report(page);
  expect(after.unmapped.apps.map((a) => a.appId)).not.toContain(appId);
  // Each figure moves by the app's cost, to within the rounding of the figures compared. Once
  // mapped, the app's cost carries the unit's markup (the demo's 2%), which is what the total gains.
  expect(Math.abs(cents(before.unmapped.cost) - cents(after.unmapped.cost) - appCost)).toBeLessThan(roundingBound(1, 1, 1));
  expect(Math.abs(unitCost(after, UNIT_A) - unitCost(before, UNIT_A) - appCost * DEMO_MARKUP)).toBeLessThan(roundingBound(1, 1, DEMO_MARKUP));
  expect(Math.abs(cents(after.total) - cents(before.total) - appCost * (DEMO_MARKUP - 1))).toBeLessThan(roundingBound(1, 1, DEMO_MARKUP - 1));

  // Assigning it again (from the stale tab) says where it is, by name: no ids alone, no overlap.
  const staleRow = stale.getByTestId("unmapped-app").filter({ hasText: appId });
  await staleRow.getByRole("combobox").selectOption(option!);
  await staleRow.getByRole("button", { name: `Assign ${appName}` }).click();
  const refusal = stale.getByRole("alert").filter({ hasText: "was not assigned" });
  await expect(refusal).toContainText(`${appName} is already mapped to cost center ${option!.split("|")[0]} (${UNIT_A})`);
  await expect(refusal).not.toContainText("overlaps");
  await expect(staleRow.getByRole("combobox")).toHaveValue(option!);
  await stale.context().close();

  await page.goto("/admin/audit");
  await expect(page.getByTestId("audit-row").first()).toContainText("mappings.assign");
  await expect(page.getByTestId("audit-row").first()).toContainText(appId);
});

test("moving an app mid-month splits its month between the two units", async ({ page }) => {
  await signInAs(page, PERSONAS.admin, "/admin/mappings");
  const { month, day } = moveDay();
  const byApp = await report(page, `&by=app&businessUnit=${encodeURIComponent(UNIT_A)}`, month);
  const app = itemAt(byApp.rows, 0);
  // The app is picked by its name; the list offers its id as a hint.
  await page.getByLabel("App to move").fill(app.name);
  await expect(page.locator("datalist option").filter({ hasText: app.key })).toHaveCount(1);
  const target = await page
    .getByLabel("Cost center to move it to")
    .locator("option", { hasText: `· ${UNIT_B}` })
    .first()
    .getAttribute("value");
  await page.getByLabel("Cost center to move it to").selectOption(target!);
  await page.getByLabel("First day in the new cost center").fill(day);
  await page.getByLabel("Reason for the move").fill("team reorganisation");
  await page.getByRole("button", { name: "Move" }).click();
  const moved = page.getByRole("status").filter({ hasText: "Moved" });
  const book = page.getByRole("button", { name: "Book corrections and move" });
  await expect(moved.or(book)).toBeVisible();
  // A move into a closed month shows the corrections it books before it is applied.
  if (await book.isVisible()) {
    await expect(page.getByTestId("correction-row").first()).toBeVisible();
    await book.click();
  }
  await expect(moved).toContainText(`Moved ${app.name}`);

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

test("a move naming an app that does not exist is refused in words, keeping what was typed", async ({ page }) => {
  await signInAs(page, PERSONAS.admin, "/admin/mappings");
  await page.getByLabel("App to move").fill("No Such App");
  const target = page.getByLabel("Cost center to move it to");
  const value = await target
    .locator("option", { hasText: `· ${UNIT_B}` })
    .first()
    .getAttribute("value");
  await target.selectOption(value!);
  await page.getByLabel("First day in the new cost center").fill(`${M}-01`);
  await page.getByLabel("Reason for the move").fill("typo check");
  await page.getByRole("button", { name: "Move" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not moved" })).toContainText("There is no app called “No Such App”");
  await expect(page.getByLabel("App to move")).toHaveValue("No Such App");
  await expect(page.getByLabel("Reason for the move")).toHaveValue("typo check");
});

test("an import naming a unit or cost center that does not exist flags it with the name it probably meant, and saves nothing until confirmed", async ({
  page,
}) => {
  await signInAs(page, PERSONAS.admin, "/admin/mappings");
  const csv = await (await page.request.get("/api/v1/mappings?format=csv")).text();
  const [header, first] = leading(csv.trim().split("\n"), 2);
  const [, costCenter, unit] = first.split(",");
  const typoUnit = `${unit}${unit!.slice(-1)}`;
  const typoCenter = `${costCenter}X`;
  const typos = `${header}\nnew-app-with-typos,${typoCenter},${typoUnit},2026-01-01,\n`;
  await page.getByLabel("CSV file").setInputFiles({ name: "typos.csv", mimeType: "text/csv", buffer: Buffer.from(typos) });
  await page.getByRole("button", { name: "Preview" }).click();
  const names = page.getByTestId("new-name");
  await expect(names).toHaveCount(2);
  await expect(names.filter({ hasText: typoUnit })).toContainText(`did you mean “${unit}”?`);
  await expect(names.filter({ hasText: typoCenter })).toContainText(`did you mean “${costCenter}”?`);
  await page.getByRole("button", { name: "Apply" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "Nothing would be saved" });
  await expect(alert).toContainText(`Confirm the new business unit “${typoUnit}” (did you mean “${unit}”?)`);
  await expect(alert).toContainText(`Confirm the new cost center “${typoCenter}”`);
  expect(await (await page.request.get("/api/v1/mappings?format=csv")).text()).toBe(csv);
});

test("the mappings page stays small: its tables are searched and paged on the server, in the address", async ({ page }) => {
  await signInAs(page, PERSONAS.admin, "/admin/mappings");
  const html = await (await page.request.get("/admin/mappings")).text();
  expect(html.length).toBeLessThan(250_000);
  expect(await page.getByTestId("mapping-row").count()).toBeLessThanOrEqual(50);
  await page.getByLabel("Find an app, cost center or unit").fill(UNIT_B);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  expect(new URL(page.url()).searchParams.get("q")).toBe(UNIT_B);
  await expect(page.getByTestId("mapping-row").first()).toBeVisible();
  for (const row of await page.getByTestId("mapping-row").all()) await expect(row).toContainText(UNIT_B);
});

test("finance sees the unmapped apps by name from the overview, and only admins get the link to assign them", async ({ page, browser }) => {
  await signInAs(page, PERSONAS.finance, `/?month=${M}`);
  const r = await report(page);
  await page.getByTestId("unmapped-by-name").click();
  await expect(page).toHaveURL(new RegExp(`/unmapped\\?month=${M}`));
  const rows = page.getByTestId("unmapped-app-row");
  await expect(rows.first()).toBeVisible();
  const ids = r.unmapped.apps.map((a) => a.appId);
  for (const row of await rows.all()) expect(ids).toContain((await row.locator("th .hint").textContent())!.trim());
  await expect(page.getByRole("link", { name: /^Assign/ })).toHaveCount(0);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  await page.screenshot({ path: "test-results/screenshots/unmapped-apps.png", fullPage: true });

  const admin = await (await browser.newContext()).newPage();
  await signInAs(admin, PERSONAS.admin, `/unmapped?month=${M}`);
  await admin.goto(`/unmapped?month=${M}`);
  await expect(admin.getByRole("link", { name: "Assign them on the mappings page" })).toHaveAttribute("href", "/admin/mappings");
  await expect(
    admin
      .getByTestId("unmapped-app-row")
      .first()
      .getByRole("link", { name: /^Assign / }),
  ).toHaveAttribute("href", /\/admin\/mappings\?q=/);
  // A month that is not one, or has not come yet, is refused in words, as on the other pages: the current month is shown.
  await admin.goto("/unmapped?month=2999-01");
  await expect(admin.getByTestId("month-refused")).toHaveText(`2999-01 has not started yet; showing ${M}, the current month.`);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(`Unmapped apps, ${M}`);
  await admin.goto("/unmapped?month=May");
  await expect(admin.getByTestId("month-refused")).toContainText('"May" is not a month');
  await admin.context().close();
});

test("ending a mapping asks first, and Undo restores it; both are audited", async ({ page }) => {
  await signInAs(page, PERSONAS.admin, `/admin/mappings?q=${encodeURIComponent(UNIT_B)}`);
  const csv = await (await page.request.get("/api/v1/mappings?format=csv")).text();
  const row = page
    .getByTestId("mapping-row")
    .filter({ has: page.getByRole("button", { name: /^End / }) })
    .first();
  await row.getByRole("button", { name: /^End / }).click();
  await expect(row).toContainText("From that day its usage is unmapped.");
  await row.getByRole("button", { name: "Cancel" }).click();
  await row.getByRole("button", { name: /^End / }).click();
  await row.getByRole("button", { name: "End mapping" }).click();
  const done = page.getByRole("status").filter({ hasText: "Ended" });
  await expect(done).toContainText(`on ${today()}`);
  expect(await (await page.request.get("/api/v1/mappings?format=csv")).text()).not.toBe(csv);
  await done.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Restored" })).toContainText(UNIT_B);
  expect(await (await page.request.get("/api/v1/mappings?format=csv")).text()).toBe(csv);
  await page.goto("/admin/audit");
  await expect(page.getByTestId("audit-row").nth(0)).toContainText("mappings.restore");
  await expect(page.getByTestId("audit-row").nth(1)).toContainText("mappings.end");
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
