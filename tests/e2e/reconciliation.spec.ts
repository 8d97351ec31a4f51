import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import type { Reconciliation } from "../../lib/reconciliation/getReconciliation";
import { formatCount, formatMoney } from "../../lib/reports/formatMoney";
import { focusExport } from "../support/invoiceScenario";
import { cli, currentMonth, PERSONAS, signInAs, storeDir } from "./personas";

const M = currentMonth();
const percent = (p: string | null) => (p === null ? "—" : `${p}%`);

test("finance sees the same reconciliation figures as `chargeback reconcile --format json`", async ({ page }) => {
  const file = path.join(storeDir, `focus-${M}.csv.gz`);
  fs.writeFileSync(file, gzipSync(focusExport(M)));
  cli("invoice", "import", file);
  const json = JSON.parse(cli("reconcile", "--month", M)) as Reconciliation;
  expect(json.rows.some((r) => r.invoiceTokens > 0)).toBe(true);

  await signInAs(page, PERSONAS.finance, `/reconciliation?month=${M}`);
  await page.getByRole("link", { name: "Reconciliation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Reconciliation: ${M}`);
  const money = (a: string) => formatMoney(a, json.currency);
  await expect(page.getByTestId("total-invoiced")).toHaveText(money(json.total.invoicedCost));
  await expect(page.getByTestId("total-computed")).toHaveText(money(json.total.computedCost));
  await expect(page.getByTestId("total-variance")).toHaveText(`${money(json.total.variance)} (${percent(json.total.variancePercent)})`);

  const rows = page.getByTestId("reconciliation-row");
  await expect(rows).toHaveCount(json.rows.length);
  for (const [i, r] of json.rows.entries()) {
    const cells = rows.nth(i).locator("td, th");
    await expect(cells).toHaveText([
      r.region, r.model, r.sku, r.kind, new RegExp(r.resources.map((id) => id.split("/").at(-1)).join(" ")), r.deployments.join(", "),
      formatCount(r.invoiceTokens), formatCount(r.eventTokens), money(r.invoicedCost), money(r.computedCost), money(r.variance), percent(r.variancePercent), money(r.credits), r.cause,
    ]);
  }
  await expect(page.getByTestId("reconciliation-total").locator("td.num")).toHaveText([
    formatCount(json.total.invoiceTokens), formatCount(json.total.eventTokens), money(json.total.invoicedCost), money(json.total.computedCost), money(json.total.variance), percent(json.total.variancePercent),
  ]);
  const days = page.getByTestId("gap-day");
  await expect(days).toHaveCount(json.gapDays.length);
  for (const [i, d] of json.gapDays.entries()) {
    await expect(days.nth(i).locator("td, th")).toHaveText([d.day, formatCount(d.invoiceTokens), formatCount(d.eventTokens), money(d.invoicedCost), money(d.computedCost), money(d.variance)]);
  }

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  await page.screenshot({ path: "test-results/screenshots/reconciliation.png", fullPage: true });
});
