import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { currentMonth, PERSONAS, previousMonth, signInAs, UNIT_A, UNIT_M } from "./personas";

/**
 * Each persona's main pages, walked at a laptop's and a phone's size, in light and in dark: every
 * page must be axe-clean (serious and critical), no wider than the viewport, and leaves a
 * full-page screenshot attached to the test (kept in the run's output dir, test-results/playwright*).
 * Add a page to a persona's list to have it walked.
 */
// A day of last month: the demo has usage on every day of it, whatever the date of the run.
const DAY = `/days/${previousMonth()}-15`;
// Two months added up: the period view, its tables sortable.
const PERIOD = `range=custom&from=${previousMonth()}&to=${currentMonth()}`;
const ROUTES: Record<"finance" | "owner" | "ownerOfTwo" | "admin", { persona: string; pages: string[] }> = {
  finance: {
    persona: PERSONAS.finance,
    pages: [
      "/",
      `/?${PERIOD}`,
      `/business-units/${encodeURIComponent(UNIT_A)}`,
      "/budgets",
      "/anomalies",
      "/close",
      "/reconciliation",
      DAY,
      "/unmapped",
      "/admin/audit",
    ],
  },
  // Ana Lima owns Stores (UNIT_A).
  owner: {
    persona: PERSONAS.ownerA,
    pages: [
      `/business-units/${encodeURIComponent(UNIT_A)}`,
      `/business-units/${encodeURIComponent(UNIT_A)}?${PERIOD}&ccSort=name`,
      "/",
      "/budgets",
      "/anomalies",
      `${DAY}?unit=${encodeURIComponent(UNIT_A)}`,
    ],
  },
  // Hugo Moreau owns Stores and Marketing: he lands on a chooser, and sees both together.
  ownerOfTwo: {
    persona: PERSONAS.ownerAM,
    pages: ["/", "/?view=all", `/business-units/${encodeURIComponent(UNIT_M)}`],
  },
  admin: {
    persona: PERSONAS.admin,
    pages: ["/admin/health", "/admin/mappings", "/admin/splits", "/admin/owners", "/admin/deployments", "/admin/prices", "/admin/audit", "/unmapped"],
  },
};
const VIEWPORTS = { laptop: { width: 1366, height: 900 }, phone: { width: 390, height: 844 } } as const;
const THEMES = ["light", "dark"] as const;

const slug = (route: string) => route.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "home";

async function checkPage(page: Page, route: string, name: string) {
  const response = await page.goto(route);
  expect(response?.status(), route).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // Each table too wide for the screen scrolls in its own box, reachable by keyboard (ScrollableTables).
  await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>("main table")].every((t) => t.scrollWidth <= t.clientWidth || t.tabIndex === 0));
  const width = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(width.page, `${route} is ${width.page} px wide in a ${width.viewport} px viewport`).toBeLessThanOrEqual(width.viewport);
  // A file in the test's output dir (test-results/playwright*/), kept after the run, and attached to the test.
  const file = test.info().outputPath(`${name}-${slug(route)}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await test.info().attach(`${name}-${slug(route)}`, { path: file, contentType: "image/png" });
  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    route,
  ).toEqual([]);
}

for (const [who, { persona, pages }] of Object.entries(ROUTES)) {
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    for (const theme of THEMES) {
      test(`${who} walks their pages at ${viewport.width}×${viewport.height} in ${theme}`, async ({ page }) => {
        test.setTimeout(60_000 + pages.length * 30_000);
        await page.setViewportSize(viewport);
        // The OS preference: the theme with no choice made on the toggle.
        await page.emulateMedia({ colorScheme: theme });
        await signInAs(page, persona, pages[0]);
        expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(theme === "dark" ? "rgb(13, 17, 23)" : "rgb(255, 255, 255)");
        for (const route of pages) await checkPage(page, route, `${who}-${size}-${theme}`);
      });
    }
  }
}

test("the theme toggle is kept in a cookie and rendered by the server, over the OS preference", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await signInAs(page, PERSONAS.finance, "/budgets");
  await page.getByRole("group", { name: "Theme" }).getByRole("button", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(page.getByRole("button", { name: "Dark" })).toHaveAttribute("aria-pressed", "true");
  // The first byte of the next page already says dark: no flash of the light theme.
  const html = await (await page.request.get("/budgets")).text();
  expect(html).toMatch(/<html[^>]* data-theme="dark"/);
  await page.reload();
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(13, 17, 23)");
  await page.getByRole("button", { name: "Auto" }).click();
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /.*/);
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(255, 255, 255)");
});

test("on a phone the header folds into a menu that opens to the same links", async ({ page }) => {
  await page.setViewportSize(VIEWPORTS.phone);
  await signInAs(page, PERSONAS.admin, "/admin/mappings");
  const health = page.getByRole("link", { name: "Health" });
  await expect(health).toBeHidden();
  await page.getByText("Menu", { exact: true }).click();
  await health.click();
  await expect(page.getByRole("heading", { name: "Pipeline health" })).toBeVisible();
});
