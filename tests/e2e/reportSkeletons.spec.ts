import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { currentMonth, PERSONAS, signInAs, UNIT_A, UNIT_B } from "./personas";

/**
 * The report pages stream their figures behind the shared skeleton (app/_components/PageSkeleton),
 * from a Suspense boundary placed after their access, 404 and month checks, so a refusal keeps its
 * status (a loading.tsx would send 200 before the page decides). The app page is apps.spec's.
 */
const M = currentMonth();
const enc = encodeURIComponent;
const SKELETON = 'data-testid="page-skeleton"';
const FIGURES = 'data-testid="total"';
const REPORTS = [`/?month=${M}`, `/business-units/${enc(UNIT_A)}?month=${M}`, `/models/gpt-4o-2024-08-06?month=${M}`];

async function finance(page: Page) {
  await signInAs(page, PERSONAS.finance);
}

test("each report page sends the skeleton first, then its figures, and shows the figures once loaded", async ({ page }) => {
  await finance(page);
  for (const route of REPORTS) {
    const response = await page.request.get(route);
    expect(response.status(), route).toBe(200);
    const html = await response.text();
    expect(html.indexOf(SKELETON), `${route} streams a skeleton`).toBeGreaterThan(0);
    expect(html.indexOf(FIGURES), `${route}'s figures come after it`).toBeGreaterThan(html.indexOf(SKELETON));
    await page.goto(route);
    await expect(page.getByTestId("total")).toHaveText(/^\$[\d,]+\.\d\d$/);
    await expect(page.getByTestId("page-skeleton")).toHaveCount(0);
  }
});

test("refusals and unknown names keep their status, with no skeleton sent", async ({ page, browser }) => {
  await finance(page);
  const unknown = ["/business-units/Nowhere", "/models/not-a-model", `/models/not-a-model?month=${M}`];
  for (const route of unknown) {
    const response = await page.request.get(route, { maxRedirects: 0 });
    expect(response.status(), route).toBe(404);
    expect(await response.text(), route).not.toContain(SKELETON);
  }
  // A month outside the data is refused politely on the page itself: 200, with the figures of the current month.
  const early = await page.goto(`/business-units/${enc(UNIT_A)}?month=1999-01`);
  expect(early?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${UNIT_A}: ${M}`);
  await expect(page.getByTestId("total")).toBeVisible();

  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  await signInAs(ownerPage, PERSONAS.ownerA);
  for (const route of [`/business-units/${enc(UNIT_B)}?month=${M}`, "/business-units/Nowhere"]) {
    const response = await ownerPage.request.get(route, { maxRedirects: 0 });
    expect(response.status(), route).toBe(403);
    expect(await response.text(), route).not.toContain(SKELETON);
  }
  // An owner of one unit is sent to it before anything streams.
  const landing = await ownerPage.request.get(`/?month=${M}`, { maxRedirects: 0 });
  expect(landing.status()).toBe(307);
  expect(landing.headers().location).toBe(`/business-units/${enc(UNIT_A)}?month=${M}`);
  await owner.close();
});

test("the skeleton alone, as the first bytes show it, is announced, busy, themed and axe-clean in light and dark", async ({ page }) => {
  await finance(page);
  const route = `/business-units/${enc(UNIT_A)}?month=${M}`;
  // What the browser has before the figures arrive: the page up to the end of the skeleton.
  await page.route(`**${route}`, async (request) => {
    const response = await request.fetch();
    const html = await response.text();
    const end = html.indexOf("<!--/$-->", html.indexOf(SKELETON));
    expect(end).toBeGreaterThan(0);
    await request.fulfill({ response, body: html.slice(0, end) });
  });
  const blocks: string[] = [];
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(route);
    const skeleton = page.getByTestId("page-skeleton");
    await expect(skeleton).toBeVisible();
    await expect(skeleton).toHaveAttribute("aria-busy", "true");
    await expect(page.getByRole("status").filter({ hasText: "Loading figures…" })).toHaveCount(1);
    await expect(page.getByTestId("total")).toHaveCount(0);
    // The blocks take the theme's colour (--skeleton), set apart from the page's background.
    const colours = await page.evaluate(() => ({
      block: getComputedStyle(document.querySelector(".skeleton .block")!).backgroundColor,
      page: getComputedStyle(document.body).backgroundColor,
    }));
    expect(colours.block, theme).not.toBe(colours.page);
    blocks.push(colours.block);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(
      axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical"),
      theme,
    ).toEqual([]);
  }
  expect(new Set(blocks).size).toBe(2);
});
