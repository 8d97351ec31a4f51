import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { currentMonth } from "../../lib/core/clock";
import { previousMonth as monthBefore } from "../../lib/core/months";

export const root = path.resolve(__dirname, "..", "..");
export const storeDir = path.join(root, "test-results", "e2e-store");
export const db = `file:${path.join(storeDir, "chargeback.db")}`;

/** Demo personas of the local sign-in page, by the name on their button. */
export const PERSONAS = {
  finance: "Finance analyst",
  admin: "Platform admin",
  ownerA: "Ana Lima", // owns Stores
  ownerB: "Chloe Martin", // owns Customer Care
  ownerAM: "Hugo Moreau", // owns Stores (beside Ana Lima) and Marketing
} as const;
export const UNIT_A = "Stores";
export const UNIT_B = "Customer Care";
/** The second unit of the owner of two (PERSONAS.ownerAM), beside UNIT_A. */
export const UNIT_M = "Marketing";
/**
 * How far a check on report figures may miss when each figure was rounded once from its exact
 * amount: a report's rows (and its unmapped apps) get their cents by largest remainder, so each is
 * less than a cent from its exact amount, and a sum of figures, each taken `weight` times, misses
 * by less than the sum of the weights. The integration tests check the exact amounts to 10⁻¹⁸.
 */
export const roundingBound = (...weights: number[]) => weights.reduce((sum, w) => sum + Math.abs(w), 0);

/**
 * How long to wait for a month's status after Close or Reopen: the server prices, attributes and
 * freezes (or unfreezes) the whole month first, which on a loaded two-core machine outlasts an
 * assertion's default 5 s.
 */
export const CLOSE_TIMEOUT = { timeout: 30_000 };

/** The demo's platform markup (2% of every unit's usage cost, worker/demo/loadDemoData.ts), as a factor. */
export const DEMO_MARKUP = 1.02;

/** Runs the real `chargeback` CLI on the e2e store; it must exit with `status`. */
export function cliExiting(status: number, ...args: string[]): string {
  const result = spawnSync(process.execPath, [path.join(root, "bin", "chargeback.js"), ...args, "--db", db], { encoding: "utf8" });
  expect(result.status, result.stderr).toBe(status);
  return result.stdout;
}

export const cli = (...args: string[]) => cliExiting(0, ...args);

export async function signInAs(page: Page, persona: string, next = "/"): Promise<void> {
  await page.goto(`/signin?next=${encodeURIComponent(next)}`);
  await page.getByRole("button", { name: new RegExp(`^${persona}`) }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText(persona);
}

type EntraStandIn = {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  users: { oid: string; name: string; roles: string[]; groups: string[] }[];
  clients: { clientId: string; clientSecret: string; roles: string[] }[];
  ingestAudience: string;
  gateways: string[];
};

/** The tenant the Entra ID stand-in plays (written by scripts/e2e-server.mjs). */
export const entraStandIn = (): EntraStandIn => JSON.parse(fs.readFileSync(path.join(storeDir, "entra.json"), "utf8"));
export const entraUsers = () => entraStandIn().users;

/** The Entra ID stand-in: scripts/e2e-server.mjs runs it on the web app's port (playwright.config.ts) + 1. */
export const ENTRA_STAND_IN = `http://127.0.0.1:${Number(process.env.CHARGEBACK_E2E_PORT ?? 3101) + 1}`;

/** The product's clock, pinned for the browser tests by playwright.config.ts (CHARGEBACK_NOW). */
export { currentMonth, now, today } from "../../lib/core/clock";

/** The month before the current one (YYYY-MM). */
export const previousMonth = () => monthBefore(currentMonth());

/**
 * Closes a month in its close workspace as finance does: accepts the checklist's warnings, reviews
 * the totals to freeze, and confirms. Months before it must be closed (`closeMonthsBefore`). The
 * review is a plain form, so the tick and the click count whether or not the page is hydrated yet.
 */
export async function closeInWorkspace(page: Page, month: string, basis?: "actual"): Promise<void> {
  await page.goto(`/close?month=${month}`);
  // The page streams: its figures can still be hidden behind the skeleton after "load" (React
  // reveals a streamed boundary a moment later). Counting the warnings' box before the form is
  // shown finds none, and the review is then refused for the box left unticked.
  const review = page.getByRole("button", { name: `Review and close ${month}…` });
  await expect(review).toBeVisible(CLOSE_TIMEOUT);
  if (basis) await page.getByLabel("Close on").selectOption(basis);
  const accept = page.getByRole("checkbox", { name: /^I have read the/ });
  if ((await accept.count()) > 0) await accept.check();
  await review.click();
  await page.getByRole("button", { name: `Close ${month}`, exact: true }).click(CLOSE_TIMEOUT);
  await expect(page.getByTestId("month-status")).toContainText("statements are frozen", CLOSE_TIMEOUT);
}

/** Reopens a closed month from its close workspace, with a reason. */
export async function reopenInWorkspace(page: Page, month: string, reason: string): Promise<void> {
  await page.goto(`/close?month=${month}`);
  await page.getByLabel("Reason to reopen").fill(reason);
  await page.getByRole("button", { name: `Reopen ${month}` }).click();
  await expect(page.getByRole("table", { name: "Ready to close?" })).toBeVisible(CLOSE_TIMEOUT);
}

/** Whether the month is closed, as the close workspace says. */
export async function isClosed(page: Page, month: string): Promise<boolean> {
  const response = await page.request.get(`/api/v1/reports/chargeback?month=${month}`);
  return ((await response.json()) as { closed: unknown }).closed !== null;
}

/**
 * Months close in order: closes the months before `month` that are still open, earliest first,
 * through the API (the same checklist decides), accepting their warnings.
 */
export async function closeMonthsBefore(page: Page, month: string): Promise<void> {
  const before = monthBefore(month);
  const origin = `http://127.0.0.1:${process.env.CHARGEBACK_E2E_PORT ?? 3101}`;
  const post = () => page.request.post(`/api/v1/months/${before}/close`, { data: { acceptWarnings: true }, headers: { origin } });
  let response = await post();
  if (response.status() === 409 && (await response.text()).includes(`close ${monthBefore(before)} first`)) {
    await closeMonthsBefore(page, before);
    response = await post();
  }
  expect(response.status(), await response.text()).toBe(200);
}
