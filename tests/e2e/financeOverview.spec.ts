import { spawnSync } from "node:child_process";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { formatMoney } from "../../lib/reports/formatMoney";
import { parseCents } from "../../lib/core/money";
import { currentMonth, db, PERSONAS, previousMonth, root, signInAs } from "./personas";

test.beforeEach(async ({ page }) => signInAs(page, PERSONAS.finance));

/** The same month's report through the CLI, on the store the web server reads. */
function cliReport(month: string) {
  const result = spawnSync(process.execPath, [path.join(root, "bin", "chargeback.js"), "report", "--month", month, "--db", db], { encoding: "utf8" });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { total: string; rows: { name: string; cost: string }[]; unmapped: { cost: string } };
}

test("finance sees this month's cost per business unit, equal to the CLI report", async ({ page }) => {
  const month = currentMonth();
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Chargeback for ${month}`);

  const report = cliReport(month);
  expect(report.rows).toHaveLength(6);
  await expect(page.getByTestId("total")).toHaveText(formatMoney(report.total));
  // The unmapped card: its cost, and a link to the unmapped apps by name when there are some.
  const unmappedCost = formatMoney(report.unmapped.cost).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  await expect(page.getByTestId("unmapped")).toHaveText(new RegExp(`^${unmappedCost}(see the \\d+ apps by name)?$`));
  // The figures come from the month's materialized ledger, which says when it was built.
  await expect(page.getByTestId("figures-as-of")).toHaveText(/^Figures as of \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
  const rows = page.getByTestId("bu-row");
  await expect(rows).toHaveCount(report.rows.length);
  for (const [i, row] of report.rows.entries()) {
    await expect(rows.nth(i).getByRole("rowheader")).toHaveText(row.name);
    await expect(rows.nth(i).getByTestId("bu-cost")).toHaveText(formatMoney(row.cost));
  }
  await page.screenshot({ path: "test-results/screenshots/finance-overview.png", fullPage: true });

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
});

test("why the month changed: the CLI's --explain, as a waterfall and a table whose pieces add up to the change", async ({ page }) => {
  const month = currentMonth();
  const result = spawnSync(process.execPath, [path.join(root, "bin", "chargeback.js"), "report", "--month", month, "--explain", "--db", db], {
    encoding: "utf8",
  });
  expect(result.status, result.stderr).toBe(0);
  const change = JSON.parse(result.stdout) as { change: string; pieces: { cause: string; cost: string }[] };
  expect(change.pieces.length).toBeGreaterThan(0);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: /^Why it changed from/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /^From .* to / })).toBeVisible();
  await expect(page.getByTestId("change-total")).toHaveText(formatMoney(change.change));
  for (const piece of change.pieces) await expect(page.getByTestId(`change-${piece.cause}`).getByRole("cell").first()).toHaveText(formatMoney(piece.cost));
  expect(change.pieces.reduce((sum, p) => sum + parseCents(p.cost), 0n)).toBe(parseCents(change.change));
});

test("an earlier month is one click away and shows its own figures", async ({ page }) => {
  const previous = previousMonth();
  await page.goto("/");
  await page.getByRole("link", { name: `← ${previous}` }).click();
  await expect(page).toHaveURL(new RegExp(`month=${previous}$`));
  await expect(page.getByTestId("total")).toHaveText(formatMoney(cliReport(previous).total));
});

test("the month picker goes to any month, and the URL carries it", async ({ page }) => {
  const previous = previousMonth();
  await page.goto("/");
  await page.getByLabel("Pick a month").fill(previous);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`\\?month=${previous}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Chargeback for ${previous}`);
});

test("a month before the first data is refused politely instead of showing an empty table", async ({ page }) => {
  await page.goto("/?month=2019-01");
  await expect(page.getByTestId("month-refused")).toContainText("There is no usage before");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Chargeback for ${currentMonth()}`);
});

test("the units and models tables show Δ and Δ % like for like, and sort by them", async ({ page }) => {
  const month = previousMonth();
  await page.goto(`/?month=${month}`);
  const units = page.getByRole("table", { name: "Cost by business unit" });
  await expect(units.getByRole("columnheader", { name: /^Cost ▼$/ })).toHaveAttribute("aria-sort", "descending");
  await units.getByRole("link", { name: "Δ", exact: true }).click();
  await expect(page).toHaveURL(/[?&]sort=delta/);
  const sorted = page.getByRole("table", { name: "Cost by business unit" });
  await expect(sorted.getByRole("columnheader", { name: /^Δ ▼$/ })).toHaveAttribute("aria-sort", "descending");
  const deltas = (await sorted.getByTestId("bu-delta").allTextContents()).map((t) => parseCents(t.replace(/[+$,]/g, "")));
  expect(deltas.length).toBeGreaterThan(1);
  expect(deltas).toEqual([...deltas].sort((a, b) => (b > a ? 1 : b < a ? -1 : 0)));
  // The top apps sort by Δ too: the ten that moved most, the units' order kept in the address.
  await page.getByRole("table", { name: "Top 10 apps" }).getByRole("link", { name: "Δ", exact: true }).click();
  await expect(page).toHaveURL(/[?&]appSort=delta/);
  await expect(page).toHaveURL(/[?&]sort=delta/);
  const appDeltas = (await page.getByTestId("top-app-delta").allTextContents()).map((t) => parseCents(t.replace(/[+$,]/g, "")));
  expect(appDeltas.length).toBeGreaterThan(1);
  expect(appDeltas).toEqual([...appDeltas].sort((a, b) => (b > a ? 1 : b < a ? -1 : 0)));
  // The models' table keeps its own order, and the percentages read as changes.
  for (const p of await page.getByTestId("model-delta-percent").allTextContents()) expect(p).toMatch(/^([+-]?\d+\.\d%|new)$/);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
});
