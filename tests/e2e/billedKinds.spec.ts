import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { cli, currentMonth, PERSONAS, signInAs } from "./personas";

test.beforeEach(async ({ page }) => signInAs(page, PERSONAS.finance));

type Row = { key: string; name: string; billed?: Record<string, number> };

test("an app's page shows the tokens it was billed apart for, as the CLI report counts them", async ({ page }) => {
  const month = currentMonth();
  const rows = (JSON.parse(cli("report", "--month", month, "--by", "app")) as { rows: Row[] }).rows;
  const app = rows.find((r) => (r.billed?.cacheWriteTokens ?? 0) > 0 && (r.billed?.priorityTokens ?? 0) > 0);
  expect(app, "the demo has an app calling gpt-5.6 at priority with cache writes").toBeDefined();
  await page.goto(`/apps/${encodeURIComponent(app!.key)}?month=${month}`);
  const billed = page.getByTestId("billed-apart");
  await expect(billed).toContainText(`cache writes ${app!.billed!.cacheWriteTokens!.toLocaleString("en-US")}`);
  await expect(billed).toContainText(`at priority ${app!.billed!.priorityTokens!.toLocaleString("en-US")}`);
  await expect(page.getByTestId("app-model-billed").first()).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
});

test("the prices page shows every model family with the meters it uses", async ({ page }) => {
  await page.goto("/admin/prices?q=gpt-5.6");
  const families = page.getByTestId("family-row");
  await expect(families).toHaveCount(3);
  const sol = families.filter({ hasText: "gpt-5.6-sol" });
  await expect(sol).toContainText("priority, standard, long context");
  await expect(sol).toContainText("cacheWrite");
  await sol.getByText("meters").click();
  await expect(sol).toContainText("5.6 sol ShortCo Cd Wr PP DZ 1M Tokens");
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
});
