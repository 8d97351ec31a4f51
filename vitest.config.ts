import path from "node:path";
import { defineConfig } from "vitest/config";

import { E2E_DEFAULT_NOW } from "./tests/support/instants";

// Far from UTC (UTC+12:45/13:45), so any local-time slip in date handling fails a test.
const TZ = "Pacific/Chatham";
// The product's clock (lib/core/clock.ts), pinned so that no test depends on the machine's date;
// tests/core/instants.int.test.ts runs the date-sensitive paths at other instants.
const CHARGEBACK_NOW = process.env.CHARGEBACK_NOW || E2E_DEFAULT_NOW;

// The path alias of tsconfig.json (`@/lib/…`, `@/app/…`); each project needs it, as projects do not inherit.
const resolve = { alias: [{ find: /^@\//, replacement: `${path.resolve(__dirname)}/` }] };

export default defineConfig({
  resolve,
  test: {
    env: { TZ, CHARGEBACK_NOW },
    projects: [
      {
        resolve,
        test: {
          name: "unit",
          env: { TZ, CHARGEBACK_NOW },
          include: ["tests/**/*.unit.test.ts"],
          environment: "node",
        },
      },
      {
        resolve,
        test: {
          name: "int",
          env: { TZ, CHARGEBACK_NOW },
          include: ["tests/**/*.int.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/globalSetup.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
