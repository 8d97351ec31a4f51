import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { formatCents, parseCents } from "../../lib/core/money";
import { demoOrganisation } from "../../ingest/worker/demo/demoOrganisation";
import { formatMoney } from "../../lib/reports/formatMoney";
import type { FilteredReport } from "../../lib/reports/getFilteredReport";
import { currentMonth, PERSONAS, previousMonth, signInAs, UNIT_A, UNIT_B } from "./personas";

const M = currentMonth();
const P = previousMonth();
const enc = encodeURIComponent;
const seriousViolations = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical");
const report = async (page: Page, query: string) => (await (await page.request.get(`/api/v1/reports/costs?${query}`)).json()) as FilteredReport;
/** The page's total card, as cents. */
const shownTotal = async (page: Page) => parseCents(((await page.getByTestId("total").textContent()) ?? "").replace(/[^0-9.-]/g, ""));

/** An app of `unit` with production usage this month (the demo tags events with an environment). */
async function appWithProd(page: Page, unit: string) {
  const prod = await report(page, `month=${M}&by=app&unit=${enc(unit)}&env=prod`);
  const app = prod.rows.find((r) => parseCents(r.cost) > 0n);
  expect(app, `an app of ${unit} with prod usage in ${M}`).toBeDefined();
  return app!;
}

test("the app page takes a period and filters in the address; a period's figures are the sum of its months'", async ({ page }) => {
  // Signed in on a light page: the overview of a cold server can outlast the sign-in's wait.
  await signInAs(page, PERSONAS.finance, "/admin/audit");
  const app = await appWithProd(page, UNIT_A);
  const path = `/apps/${enc(app.key)}`;

  // Each month on its own, as the page shows it.
  const months: bigint[] = [];
  for (const month of [P, M]) {
    const response = await page.goto(`${path}?month=${month}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${app.name}: ${month}`);
    months.push(await shownTotal(page));
  }
  const [previous = 0n, current = 0n] = months;
  expect((await report(page, `month=${M}&app=${enc(app.key)}`)).total).toBe(formatCents(current));

  // Both months: the sum of the two, to the cent.
  await page.goto(`${path}?range=custom&from=${P}&to=${M}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${app.name}: ${P}…${M}`);
  await expect(page.getByTestId("total")).toHaveText(formatMoney(formatCents(previous + current)));
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: "test-results/screenshots/app-period.png", fullPage: true });

  // The environment from the form: into the address, and the figures narrow to the prod part.
  await page.goto(`${path}?month=${M}`);
  await page.getByRole("textbox", { name: "Environment" }).fill("prod");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/env=prod/);
  await expect(page.getByTestId("filter-chip")).toHaveText(["Environment: prod ×"]);
  const prod = await report(page, `month=${M}&app=${enc(app.key)}&env=prod`);
  await expect(page.getByTestId("total")).toHaveText(formatMoney(prod.total));
  expect(parseCents(prod.total)).toBeGreaterThan(0n);
  expect(parseCents(prod.total)).toBeLessThan(current);

  // A model of the app over the quarter: its part of the app, as the report API has it.
  const model = (await report(page, `month=${M}&by=model&app=${enc(app.key)}`)).rows.find((r) => !r.fee)!;
  const quarter = await report(page, `range=quarter&month=${M}&app=${enc(app.key)}&model=${enc(model.key)}`);
  await page.goto(`${path}?range=quarter&month=${M}`);
  await page.getByRole("combobox", { name: "Model" }).selectOption(model.key);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`range=quarter.*model=${enc(model.key)}`));
  const modelCost = formatMoney(quarter.total);
  await expect(page.getByTestId("total")).toHaveText(modelCost);
});

test("a multi-month table sorts by a column, keeping the period and filters in the address", async ({ page }) => {
  await signInAs(page, PERSONAS.finance, `/?range=custom&from=${P}&to=${M}`);
  const table = page.getByRole("table", { name: "Cost by app" });
  const names = async () => (await table.getByTestId("app-row").getByRole("rowheader").allTextContents()).map((n) => n.trim());
  const costs = async () => (await table.getByTestId("app-cost").allTextContents()).map((c) => parseCents(c.replace(/[^0-9.-]/g, "")));
  // The tables stream in after the sign-in's redirect: wait for them before reading them.
  await expect(table.getByTestId("app-row").first()).toBeVisible();
  const byCost = await costs();
  expect(byCost.length).toBeGreaterThan(1);
  expect(byCost).toEqual([...byCost].sort((a, b) => (a === b ? 0 : a > b ? -1 : 1)));
  await table.getByRole("link", { name: "App", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`range=custom&from=${P}&to=${M}.*appSort=name`));
  const sorted = await names();
  expect(sorted).toEqual([...sorted].sort((a, b) => a.localeCompare(b)));
  await expect(page.getByRole("table", { name: "Cost by app" }).getByRole("columnheader", { name: /^App/ })).toHaveAttribute("aria-sort", "ascending");
  // The other tables keep their order; the total does not move.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Chargeback for ${P}…${M}`);

  // An owner's unit over the year, its cost centers by name; an app's models over a period.
  await page.goto(`/business-units/${enc(UNIT_A)}?range=ytd&month=${M}&ccSort=name`);
  const ccs = (await page.getByRole("table", { name: "Cost by cost center" }).getByTestId("cc-row").getByRole("rowheader").allTextContents()).map((n) =>
    n.trim(),
  );
  expect(ccs).toEqual([...ccs].sort((a, b) => a.localeCompare(b)));
  const app = await appWithProd(page, UNIT_A);
  await page.goto(`/apps/${enc(app.key)}?range=custom&from=${P}&to=${M}`);
  await page.getByRole("table", { name: "Cost by model" }).getByRole("link", { name: "Model", exact: true }).click();
  await expect(page).toHaveURL(/modelSort=name/);
  const models = (await page.getByTestId("app-model-row").getByRole("rowheader").allTextContents()).map((n) => n.trim());
  expect(models).toEqual([...models].sort((a, b) => a.localeCompare(b)));
});

test("a unit owner reaches their units' apps, never another unit's, whatever the period", async ({ page }) => {
  await signInAs(page, PERSONAS.finance);
  const theirs = await appWithProd(page, UNIT_B);
  const mine = await appWithProd(page, UNIT_A);
  await page.context().clearCookies();
  await signInAs(page, PERSONAS.ownerA);
  for (const query of [`month=${M}`, `range=custom&from=${P}&to=${M}`, `range=ytd&month=${M}&env=prod`]) {
    expect((await page.goto(`/apps/${enc(theirs.key)}?${query}`))?.status(), query).toBe(404);
    expect(await page.content()).not.toContain(theirs.name);
  }
  expect((await page.goto(`/apps/not-an-app?month=${M}`))?.status()).toBe(404);
  // Their own app: 200 and its figures. (Whether the skeleton reaches the first bytes depends on how
  // fast the figures are: reportSkeletons.spec.ts checks the skeleton where the figures are slower.)
  const response = await page.request.get(`/apps/${enc(mine.key)}?range=custom&from=${P}&to=${M}`);
  expect(response.status()).toBe(200);
  await page.goto(`/apps/${enc(mine.key)}?range=custom&from=${P}&to=${M}`);
  await expect(page.getByTestId("total")).toBeVisible();
  await expect(page.getByTestId("page-skeleton")).toHaveCount(0);
  expect(await page.content()).not.toContain(UNIT_B);
  expect(await seriousViolations(page)).toEqual([]);
});

test("a one-month app table sorts by its own address parameter, the others' orders kept", async ({ page }) => {
  await signInAs(page, PERSONAS.finance, "/admin/audit");
  const app = await appWithProd(page, UNIT_A);
  await page.goto(`/apps/${enc(app.key)}?month=${M}`);
  // A fee row's header carries a " fee" hint after its name; the order is by name.
  const names = async (testId: string) =>
    (await page.getByTestId(`${testId}-row`).getByRole("rowheader").allTextContents()).map((n) => n.replace(/ fee$/, "").trim());
  const byName = (list: string[]) => [...list].sort((a, b) => a.localeCompare(b));
  const tables = [
    ["Cost by model", "Model", "app-model", "modelSort"],
    ["Cost by deployment", "Deployment", "app-deployment", "deploymentSort"],
    ["Cost by operation", "Operation", "app-operation", "operationSort"],
  ] as const;
  for (const [caption, column, testId, param] of tables) {
    const costs = (await page.getByTestId(`${testId}-cost`).allTextContents()).map((c) => parseCents(c.replace(/[^0-9.-]/g, "")));
    expect(costs.length, caption).toBeGreaterThan(0);
    expect(costs, `${caption} by cost`).toEqual([...costs].sort((a, b) => (a === b ? 0 : a > b ? -1 : 1)));
    await page.getByRole("table", { name: caption }).getByRole("link", { name: column, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`month=${M}.*${param}=name`));
    expect(await names(testId), `${caption} by name`).toEqual(byName(await names(testId)));
    await expect(page.getByRole("table", { name: caption }).getByRole("columnheader", { name: new RegExp(`^${column}`) })).toHaveAttribute(
      "aria-sort",
      "ascending",
    );
  }
  // Each header link kept the tables sorted before it: all three orders are in the address.
  await expect(page).toHaveURL(/modelSort=name.*deploymentSort=name.*operationSort=name/);
  // By the address alone: the deployments by name, the models still by cost.
  await page.goto(`/apps/${enc(app.key)}?month=${M}&deploymentSort=name`);
  expect(await names("app-deployment")).toEqual(byName(await names("app-deployment")));
  await expect(page.getByRole("table", { name: "Cost by model" }).getByRole("columnheader", { name: /^Cost/ })).toHaveAttribute("aria-sort", "descending");
  expect(await seriousViolations(page)).toEqual([]);
});

test("an app's mapping history and failed calls sort by a column from the address, the other orders kept", async ({ page }) => {
  await signInAs(page, PERSONAS.finance, "/admin/audit");
  // The demo's app that moved to its unit's other cost center this month: two mapping periods.
  const moved = demoOrganisation()
    .orgCsv.split("\n")
    .slice(1)
    .map((line) => line.split(","))
    .find((fields) => fields[4]);
  expect(moved, "an app of the demo with a mapping that ended").toBeDefined();
  await page.goto(`/apps/${enc(moved![0]!)}?month=${M}&modelSort=name`);
  const history = page.getByRole("table", { name: "Mapping history" });
  await history.getByRole("link", { name: "Cost center", exact: true }).click();
  await expect(page).toHaveURL(/mappingSort=cc/);
  await expect(page).toHaveURL(/modelSort=name/);
  await expect(history.locator('th[aria-sort="ascending"]')).toHaveText("Cost center ▲");
  const centers = await history.getByTestId("mapping-row").locator("td:nth-of-type(4)").allTextContents();
  expect(centers.length).toBeGreaterThan(1);
  expect(centers).toEqual([...centers].sort((a, b) => a.localeCompare(b)));
  await history.getByRole("link", { name: "From", exact: true }).click();
  await expect(page).toHaveURL(/mappingSort=from/);
  const froms = await history.getByTestId("mapping-row").locator("td:nth-of-type(1)").allTextContents();
  expect(froms).toEqual([...froms].sort());
  // The failed calls' order, with the others'.
  await page.getByTestId("failed-calls").getByRole("link", { name: "Usage unknown", exact: true }).click();
  await expect(page).toHaveURL(/failedSort=unknown/);
  await expect(page).toHaveURL(/mappingSort=from/);
  await expect(page).toHaveURL(/modelSort=name/);
  await expect(page.getByTestId("failed-calls").locator('th[aria-sort="descending"]')).toHaveText("Usage unknown ▼");
});

test("a fully unmapped app's model filter offers the app's models and narrows its figures", async ({ page }) => {
  await signInAs(page, PERSONAS.finance, "/admin/audit");
  const month = await report(page, `month=${M}&by=app`);
  const mapped = new Set(month.rows.map((r) => r.key));
  // The last of the queue: the mapping spec assigns its first.
  const app = month.unmapped.apps.filter((a) => a.rule === "" && !mapped.has(a.appId) && parseCents(a.cost) > 0n).at(-1);
  expect(app, `a fully unmapped app in ${M}`).toBeDefined();
  const path = `/apps/${enc(app!.appId)}`;
  await page.goto(`${path}?month=${M}`);
  const total = await shownTotal(page);
  await expect(page.getByTestId("app-model-row").first()).toBeVisible();
  const tableModels = (await page.getByTestId("app-model-row").getByRole("rowheader").allTextContents())
    .filter((n) => !n.endsWith(" fee"))
    .map((n) => n.trim());
  const select = page.getByRole("combobox", { name: "Model" });
  const offered = (await select.locator("option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).filter((v) => v !== "");
  expect(offered.length).toBeGreaterThan(0);
  expect(offered).toEqual([...tableModels].sort((a, b) => a.localeCompare(b)));
  const [model = ""] = offered;
  await select.selectOption(model);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`month=${M}.*model=${enc(model)}`));
  const narrowed = await report(page, `month=${M}&app=${enc(app!.appId)}&model=${enc(model)}`);
  expect(parseCents(narrowed.total)).toBeGreaterThan(0n);
  if (offered.length > 1) expect(parseCents(narrowed.total)).toBeLessThan(total);
  await expect(page.getByTestId("total")).toHaveText(formatMoney(narrowed.total));
  await expect(page.getByTestId("filter-chip")).toHaveText([`Model: ${model} ×`]);
  expect(await seriousViolations(page)).toEqual([]);
});

test("a model's tables sort by the address and its apps are searched; a unit's apps are searched, the orders kept", async ({ page }) => {
  await signInAs(page, PERSONAS.finance, "/admin/audit");
  const rowNames = async (testId: string) => (await page.getByTestId(`${testId}-row`).getByRole("rowheader").allTextContents()).map((n) => n.trim());
  const model = (await report(page, `month=${M}&by=model`)).rows.find((r) => !r.fee)!;
  await page.goto(`/models/${enc(model.key)}?month=${M}`);
  await page.getByRole("table", { name: "Cost by business unit" }).getByRole("link", { name: "Business unit", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`month=${M}.*unitSort=name`));
  await expect(page.getByTestId("model-app-row").first()).toBeVisible();
  const units = await rowNames("model-unit");
  expect(units).toEqual([...units].sort((a, b) => a.localeCompare(b)));
  const apps = await rowNames("model-app");
  expect(apps.length).toBeGreaterThan(0);
  // A piece of the first app's name: every row shown holds it, the total stays the model's.
  const needle = apps[0]!.slice(0, 4).toLowerCase();
  await page.getByRole("searchbox", { name: "Search apps" }).fill(needle);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`unitSort=name.*q=${enc(needle)}`));
  await expect(page.getByRole("table", { name: "Cost by app" }).locator("tfoot")).toContainText("Total of all");
  const found = await rowNames("model-app");
  expect(found.length).toBeGreaterThan(0);
  for (const name of found) expect(name.toLowerCase()).toContain(needle);
  expect(await seriousViolations(page)).toEqual([]);

  // A unit's apps against last month: searched by their own parameter, the apps' order kept.
  await page.goto(`/business-units/${enc(UNIT_A)}?month=${M}&appSort=name`);
  await expect(page.getByTestId("app-row").first()).toBeVisible();
  const unitApps = await rowNames("app");
  const part = unitApps[0]!.slice(0, 4).toLowerCase();
  await page.getByRole("searchbox", { name: "Search apps" }).fill(part);
  await page.getByRole("searchbox", { name: "Search apps" }).press("Enter");
  await expect(page).toHaveURL(new RegExp(`appSort=name.*appQ=${enc(part)}`));
  await expect(page.getByRole("table", { name: /^Cost by app/ }).locator("tfoot")).toContainText("Total of all");
  const matched = await rowNames("app");
  expect(matched.length).toBeGreaterThan(0);
  expect(matched).toEqual(unitApps.filter((n) => n.toLowerCase().includes(part)));
  expect(await seriousViolations(page)).toEqual([]);
});

test("the apps of a day and of a period are searched by name in the address, the total still every app's", async ({ page }) => {
  await signInAs(page, PERSONAS.finance, "/admin/audit");
  const day = `${P}-15`;
  const routes = [
    { path: `/days/${day}`, testId: "day-app", query: "" },
    { path: "/", testId: "app", query: `range=custom&from=${P}&to=${M}` },
  ];
  for (const { path, testId, query } of routes) {
    await page.goto(`${path}?${query}`);
    const rows = page.getByTestId(`${testId}-row`);
    await expect(rows.first()).toBeVisible();
    const names = await rows.getByRole("rowheader").allTextContents();
    expect(names.length, path).toBeGreaterThan(2);
    const table = page.getByRole("table").filter({ has: rows.first() });
    const total = await table.locator("tfoot td.num").first().textContent();
    // One app's name: the search keeps the page's other parameters and narrows the rows to it.
    const wanted = names[1]!.trim();
    await page.getByLabel("Search apps").fill(wanted);
    await page.getByLabel("Search apps").press("Enter");
    await expect(page).toHaveURL(/appQ=/);
    const address = new URL(page.url()).searchParams;
    expect(address.get("appQ")).toBe(wanted);
    for (const [name, value] of new URLSearchParams(query)) expect(address.get(name)).toBe(value);
    await expect(rows.getByRole("rowheader")).toContainText([wanted]);
    for (const name of await rows.getByRole("rowheader").allTextContents()) expect(name.toLowerCase()).toContain(wanted.toLowerCase());
    await expect(table.locator("tfoot td").first()).toContainText(`Total of all ${names.length} rows`);
    expect(await table.locator("tfoot td.num").first().textContent()).toBe(total);
    expect(await seriousViolations(page)).toEqual([]);
  }
});
