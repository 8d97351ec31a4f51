import { defineConfig } from "@playwright/test";
import { E2E_DEFAULT_NOW, E2E_SECOND_NOW } from "./tests/support/instants";

// CHARGEBACK_E2E_PORT lets two checkouts run their browser tests side by side.
const PORT = Number(process.env.CHARGEBACK_E2E_PORT ?? 3101);
process.env.CHARGEBACK_E2E_PORT = String(PORT);
// The product's clock for the browser tests, the server they start and the CLI they run: a fixed
// instant, so no test depends on the machine's date. `npm test` runs them twice: at the default
// instant, then (CHARGEBACK_E2E_RUN=second) at another, each with a report of its own.
const SECOND = process.env.CHARGEBACK_E2E_RUN === "second";
process.env.CHARGEBACK_NOW ||= SECOND ? E2E_SECOND_NOW : E2E_DEFAULT_NOW;
const REPORT = SECOND ? "test-results/playwright-second.json" : "test-results/playwright.json";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: SECOND ? "test-results/playwright-second" : "test-results/playwright",
  reporter: [["list"], ["json", { outputFile: REPORT }]],
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: "chromium",
    launchOptions: {
      // Debian's Chromium: Playwright cannot download its own browser here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    command: `node scripts/e2e-server.mjs ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
  },
});
