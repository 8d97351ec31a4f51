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

function step(title, args) {
  console.log(`\n== ${title}`);
  return spawnSync(process.execPath, args, { cwd: root, env, stdio: "inherit" }).status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

const vitestJson = path.join(results, "vitest.json");
const playwrightJson = path.join(results, "playwright.json");
fs.rmSync(vitestJson, { force: true });
fs.rmSync(playwrightJson, { force: true });

const statuses = [
  step("unit and integration tests (vitest)", [bin("vitest", "vitest.mjs"), "run", "--reporter=default", "--reporter=json", `--outputFile=${vitestJson}`]),
  step("production build (next build)", [bin("next", "dist/bin/next"), "build"]),
];
statuses.push(statuses[1] === 0 ? step("browser tests (playwright, chromium)", [bin("@playwright/test", "cli.js"), "test"]) : 1);

const vitest = readJson(vitestJson);
const playwright = readJson(playwrightJson);
const passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats?.expected ?? 0);
const failed = (vitest?.numFailedTests ?? 0) + (playwright?.stats?.unexpected ?? 0) + (playwright?.stats?.flaky ?? 0);
const skipped = (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (playwright?.stats?.skipped ?? 0);
const broken = statuses.some((s) => s !== 0) && failed === 0;
console.log(`\n${passed} passed, ${failed + (broken ? 1 : 0)} failed, ${skipped} skipped`);
process.exit(statuses.every((s) => s === 0) && failed === 0 ? 0 : 1);
