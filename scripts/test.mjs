// `npm test`: every test, unit to browser. Vitest (unit + integration), then the production build,
// then Playwright in Debian's Chromium; ends with one "N passed, N failed" line for the whole run.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const results = path.join(root, "test-results");
fs.mkdirSync(results, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const bin = (pkg, file) => path.join(root, "node_modules", pkg, file);

function step(title, args, extraEnv = {}) {
  console.log(`\n== ${title}`);
  return spawnSync(process.execPath, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: "inherit" }).status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

const vitestJson = path.join(results, "vitest.json");
// The browser tests run twice, at two pinned instants of the product's clock (playwright.config.ts).
const playwrightJsons = ["playwright.json", "playwright-second.json"].map((f) => path.join(results, f));
fs.rmSync(vitestJson, { force: true });
for (const file of playwrightJsons) fs.rmSync(file, { force: true });

const statuses = [
  step("unit and integration tests (vitest)", [bin("vitest", "vitest.mjs"), "run", "--reporter=default", "--reporter=json", `--outputFile=${vitestJson}`]),
  step("production build (next build)", [bin("next", "dist/bin/next"), "build"]),
];
const playwright = [bin("@playwright/test", "cli.js"), "test"];
statuses.push(statuses[1] === 0 ? step("browser tests (playwright, chromium)", playwright) : 1);
statuses.push(statuses[1] === 0 ? step("browser tests again, at a second instant", playwright, { CHARGEBACK_E2E_RUN: "second" }) : 1);

const vitest = readJson(vitestJson);
const browser = playwrightJsons.map(readJson);
const count = (key) => browser.reduce((sum, run) => sum + (run?.stats?.[key] ?? 0), 0);
const passed = (vitest?.numPassedTests ?? 0) + count("expected");
const failed = (vitest?.numFailedTests ?? 0) + count("unexpected") + count("flaky");
const skipped = (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + count("skipped");
const broken = statuses.some((s) => s !== 0) && failed === 0;
console.log(`\n${passed} passed, ${failed + (broken ? 1 : 0)} failed, ${skipped} skipped`);
process.exit(statuses.every((s) => s === 0) && failed === 0 ? 0 : 1);
