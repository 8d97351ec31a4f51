import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..");

// Loads the CLI as the bin does (tsx, CommonJS) and lists what a command that calls nothing out
// has loaded by the time it is done.
const LIST_LOADED = `
require("tsx/cjs");
process.argv = ["node", "chargeback", "--help"];
process.stdout.write = () => true;
process.exit = () => undefined;
require("./ingest/cli/main.ts");
setTimeout(() => console.error(JSON.stringify(Object.keys(require.cache))), 200);
`;

describe("the CLI's start-up", () => {
  it("loads no OpenTelemetry, logger, retry or Azure SDK package for a command that needs none", () => {
    const run = spawnSync(process.execPath, ["-e", LIST_LOADED], { cwd: ROOT, encoding: "utf8" });
    const loaded = JSON.parse(run.stderr.trim().split("\n").at(-1)!) as string[];
    expect(loaded.some((file) => file.includes(`${path.sep}cli${path.sep}main.ts`))).toBe(true);
    expect(loaded.some((file) => file.includes(`node_modules${path.sep}commander`))).toBe(true); // packages are listed
    for (const heavy of ["@opentelemetry", "pino", "p-retry", "@azure/monitor-opentelemetry-exporter", "@azure/event-hubs"])
      expect(loaded.filter((file) => file.includes(`node_modules${path.sep}${heavy}`))).toEqual([]);
  });
});
