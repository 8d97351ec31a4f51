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
} as const;
export const UNIT_A = "Stores";
export const UNIT_B = "Customer Care";
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
