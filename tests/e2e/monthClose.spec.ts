import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { parse } from "csv-parse/sync";
import { expect, test } from "@playwright/test";
import type { ChargebackReport } from "../../lib/reports/getChargebackReport";
import { formatMoney } from "../../lib/reports/formatMoney";
import JSZip from "jszip";
import { previousMonth as monthBefore } from "../../lib/core/months";
import { pdfRows } from "../support/pdfText";
import { CLOSE_TIMEOUT, closeInWorkspace, closeMonthsBefore, isClosed, PERSONAS, previousMonth, reopenInWorkspace, signInAs, UNIT_A, UNIT_B } from "./personas";
import { itemAt } from "../../lib/core/arrays";

const previous = previousMonth();
const earlier = monthBefore(previous);

test("finance closes last month through the checklist, the figures freeze, and the statements are issued", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAs(page, PERSONAS.finance, `/?month=${previous}`);
  const report = async () => (await (await page.request.get(`/api/v1/reports/chargeback?month=${previous}`)).json()) as ChargebackReport;
  if (await isClosed(page, previous)) await reopenInWorkspace(page, previous, "to close it through the checklist again");
  await page.goto(`/?month=${previous}`);
  const before = await report();
  expect(before.closed).toBeNull();
  await expect(page.getByTestId("month-status")).toContainText(`${previous} is open`, CLOSE_TIMEOUT);

  // The overview leads to the month's close workspace: a checklist with live figures and a fix for each.
  await page.getByRole("link", { name: `Close ${previous}…` }).click();
  await expect(page.getByRole("heading", { name: `Close ${previous}` })).toBeVisible();
  const checks = page.getByRole("table", { name: "Ready to close?" }).getByRole("row");
  await expect(checks).toHaveCount(8);
  const order = page.getByTestId("check-order");
  if ((await order.getAttribute("data-status")) === "block") {
    // Months close in order: the month before is open, so this one cannot close yet.
    await expect(page.getByTestId("close-blocked")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Review and close/ })).toHaveCount(0);
    await order.getByRole("link", { name: `Close ${earlier}` }).click();
    await expect(page.getByRole("heading", { name: `Close ${earlier}` })).toBeVisible();
    await closeInWorkspace(page, earlier);
    // The latest closed month is the only one that can be reopened: an earlier one offers no reopen that would fail.
    await page.goto(`/close?month=${previous}`);
  }
  await expect(order).toHaveAttribute("data-status", "pass");
  await expect(page.getByTestId("check-unmapped")).toContainText("Map the apps");
  const axe = async () =>
    expect((await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  await axe();
  await page.screenshot({ path: "test-results/screenshots/close-checklist.png", fullPage: true });

  // Warnings must be accepted: the browser asks for the tick before the review opens. The confirmation shows the totals that will freeze.
  const accept = page.getByRole("checkbox", { name: /^I have read the \d+ warnings? above/ });
  await page.getByRole("button", { name: `Review and close ${previous}…` }).click();
  await expect(accept).toBeFocused();
  await expect(page.getByRole("heading", { name: "Closing freezes these totals" })).toHaveCount(0);
  await accept.check();
  await page.getByRole("button", { name: `Review and close ${previous}…` }).click();
  await expect(page.getByRole("heading", { name: "Closing freezes these totals" })).toBeFocused();
  await expect(page.getByTestId("frozen-total")).toHaveText(`${before.total} ${before.currency}`);
  await axe();
  // A double click is harmless: the button waits for the server, and the server closes once.
  await page.getByRole("button", { name: `Close ${previous}`, exact: true }).dblclick();
  await expect(page.getByTestId("month-status")).toContainText(`${previous} was closed`, CLOSE_TIMEOUT);
  await expect(page.locator("p.error")).toHaveCount(0);
  const origin = new URL(page.url()).origin;
  const again = await page.request.post(`/api/v1/months/${previous}/close`, { data: { acceptWarnings: true }, headers: { origin } });
  expect(await again.json()).toMatchObject({ month: previous, alreadyClosed: true, closedBy: "Finance analyst" });

  const after = await report();
  // The money freezes; the live call counts are an open month's only.
  const { calls, ...money } = before;
  expect(calls).toBeDefined();
  expect(after.calls).toBeUndefined();
  expect({ ...after, closed: null }).toEqual(money);

  // The issued statements, each with its PDF; the pack holds them all.
  const issued = page.getByTestId("issued-statement");
  await expect(issued).toHaveCount(after.rows.length);
  await axe();
  await page.screenshot({ path: "test-results/screenshots/close-issued.png", fullPage: true });
  const unitCost = after.rows.find((r) => r.key === UNIT_A)!.cost;
  const [pdfDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: `PDF statement of ${UNIT_A}` }).click()]);
  expect(pdfDownload.suggestedFilename()).toBe(`statement-${previous}-${UNIT_A}.pdf`);
  const pages = await pdfRows(fs.readFileSync(await pdfDownload.path()));
  expect(pages.length).toBeGreaterThanOrEqual(2);
  expect(itemAt(pages, 0).map((r) => r.join(" "))).toEqual(expect.arrayContaining([`Business unit ${UNIT_A}`, `Total for ${previous} USD ${unitCost}`]));
  const last = pages.flat().find((r) => r[0] === "Total USD");
  expect(last?.at(-1)).toBe(unitCost.replace(/\B(?=(\d{3})+(?!\d))/g, ","));
  const [packDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /^Download all \d+ statements/ }).click()]);
  const zip = await JSZip.loadAsync(fs.readFileSync(await packDownload.path()));
  expect(Object.keys(zip.files).filter((f) => f.endsWith(".pdf"))).toHaveLength(after.rows.length);

  // Close and reopen are on the audit page.
  await page.goto("/admin/audit");
  await expect(page.getByTestId("audit-row").filter({ hasText: "month.close" }).filter({ hasText: previous }).first()).toBeVisible();

  await page.goto(`/?month=${previous}`);
  await expect(page.getByTestId("month-status")).toContainText("by Finance analyst: these figures are the frozen statement");
  await expect(page.getByTestId("total")).toHaveText(formatMoney(after.total));
  await page.screenshot({ path: "test-results/screenshots/finance-closed-month.png", fullPage: true });

  await page.getByRole("link", { name: UNIT_A, exact: true }).click();
  await page.getByRole("link", { name: `Statement for ${previous}` }).click();
  await expect(page.getByRole("link", { name: "Download PDF" })).toHaveAttribute(
    "href",
    `/api/v1/statements?month=${previous}&businessUnit=${encodeURIComponent(UNIT_A)}&format=pdf`,
  );
  await expect(page.getByTestId("statement-total")).toHaveText(formatMoney(unitCost));
  await expect(page.getByTestId("statement-line").first()).toBeVisible();
  await axe();
  await page.screenshot({ path: "test-results/screenshots/statement.png", fullPage: true });
  await expect(page.getByTestId("statement-number")).toContainText(`Statement CB-${previous.replace("-", "")}-`);
  await expect(page.getByRole("heading", { name: "Rates used" })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  // Printed, a line no longer carries its meter text: the rates are the one table at the end.
  await expect(page.locator(".statement .meters").first()).toBeHidden();
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

test("only the latest closed month offers a reopen; reopening needs a reason and is audited", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAs(page, PERSONAS.finance, `/close?month=${previous}`);
  if (!(await isClosed(page, previous))) {
    await closeMonthsBefore(page, previous);
    await closeInWorkspace(page, previous);
  }
  await page.goto(`/close?month=${earlier}`);
  await expect(page.getByTestId("month-status")).toContainText(`${earlier} was closed`);
  await expect(page.getByRole("button", { name: /^Reopen / })).toHaveCount(0);
  await expect(page.getByText("Only the latest closed month can be reopened")).toBeVisible();

  await page.goto(`/close?month=${previous}`);
  await page.getByLabel("Reason to reopen").fill("too short");
  await page.getByRole("button", { name: `Reopen ${previous}` }).click();
  // The browser asks for ten characters before anything is sent.
  await expect(page.getByTestId("month-status")).toContainText(`${previous} was closed`);
  await reopenInWorkspace(page, previous, "owners asked for a mapping fix");
  expect(await isClosed(page, previous)).toBe(false);
  await page.goto("/admin/audit");
  // The clock is pinned, so entries share their time: found by the reason, not by order.
  await expect(page.getByTestId("audit-row").filter({ hasText: "owners asked for a mapping fix" }).first()).toContainText(`month.reopen${previous}`);
  // Close it again, so the screenshots and later checks see a closed month.
  await closeInWorkspace(page, previous);
});

test("a box ticked and a review asked before the page is hydrated still count: the close proceeds", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAs(page, PERSONAS.finance, `/close?month=${previous}`);
  if (await isClosed(page, previous)) await reopenInWorkspace(page, previous, "to close it again before the page is hydrated");
  else await closeMonthsBefore(page, previous);
  // A review whose warnings were not accepted is refused: the form asks again.
  await page.goto(`/close?month=${previous}&step=review&basis=list`);
  await expect(page.locator("p.error")).toContainText("Accept the warnings above");
  await expect(page.getByRole("heading", { name: "Closing freezes these totals" })).toHaveCount(0);
  // The page's scripts are held until the box is ticked and the review asked, as on a slow network.
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/_next\/static\/.*\.js(\?|$)/, async (route) => {
    await held;
    // A request of the page left behind is gone by then.
    await route.continue().catch(() => {});
  });
  await page.goto(`/close?month=${previous}`, { waitUntil: "domcontentloaded" });
  await page.getByRole("checkbox", { name: /^I have read the \d+ warnings? above/ }).check();
  await page.getByRole("button", { name: `Review and close ${previous}…` }).click();
  release();
  await expect(page.getByRole("heading", { name: "Closing freezes these totals" })).toBeVisible(CLOSE_TIMEOUT);
  await page.getByRole("button", { name: `Close ${previous}`, exact: true }).click();
  await expect(page.getByTestId("month-status")).toContainText(`${previous} was closed`, CLOSE_TIMEOUT);
  await expect(page.locator("p.error")).toHaveCount(0);
});

test("a unit owner cannot close a month, see the workspace, or download the pack", async ({ page }) => {
  await signInAs(page, PERSONAS.ownerA, `/?month=${previous}`);
  await expect(page.getByRole("link", { name: /^Close / })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Reopen / })).toHaveCount(0);
  expect((await page.goto(`/close?month=${previous}`))?.status()).toBe(403);
  expect((await page.request.get(`/api/v1/statements/pack?month=${previous}`)).status()).toBe(403);
  // Their own unit's PDF, and no other's.
  expect((await page.request.get(`/api/v1/statements?month=${previous}&businessUnit=${encodeURIComponent(UNIT_A)}&format=pdf`)).status()).toBe(200);
  expect((await page.request.get(`/api/v1/statements?month=${previous}&businessUnit=${encodeURIComponent(UNIT_B)}&format=pdf`)).status()).toBe(403);
});

test("a month's corrections page lists what is booked in it and, once closed, what is pending against it", async ({ page }) => {
  await signInAs(page, PERSONAS.finance, `/corrections?month=${previous}`);
  await expect(page.getByRole("heading", { name: `Corrections, ${previous}` })).toBeVisible();
  await expect(page.getByRole("table", { name: `Booked in ${previous}` })).toBeVisible();
  if (await isClosed(page, previous))
    await expect(page.getByRole("table", { name: new RegExp(`^Pending against ${previous}, to be booked in `) })).toBeVisible();
  // Every booked correction names its cause, linked where the change is recorded.
  for (const row of await page.getByTestId("booked-correction").all()) await expect(row.locator(".badge")).not.toHaveText("");
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
});
