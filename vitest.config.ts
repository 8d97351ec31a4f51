import { defineConfig } from "vitest/config";

// Far from UTC (UTC+12:45/13:45), so any local-time slip in date handling fails a test.
const TZ = "Pacific/Chatham";

export default defineConfig({
  test: {
    env: { TZ },
    projects: [
      {
        test: {
          name: "unit",
          env: { TZ },
          include: ["tests/**/*.unit.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "int",
          env: { TZ },
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
