import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const BIN = path.resolve(__dirname, "..", "..", "bin", "chargeback.js");

// Preloaded into the bin's process: at exit, allocates enough short-lived objects for V8 to grow
// its young generation to its limit, then reports that size and what the launch line set.
const PROBE = `process.on("exit", () => {
  const keep = new Array(200_000);
  for (let i = 0; i < 1_000_000; i++) keep[i % keep.length] = { i, s: "x" + i };
  const young = require("node:v8").getHeapSpaceStatistics().find((s) => s.space_name === "new_space").physical_space_size;
  process.stderr.write("probe " + JSON.stringify({ gc: typeof globalThis.gc, young, arenas: process.env.MALLOC_ARENA_MAX, mmapThreshold: process.env.MALLOC_MMAP_THRESHOLD_ }) + "\\n");
});`;

describe("the chargeback bin's launch line", () => {
  it("starts node with the collector exposed, a bounded young generation and glibc's malloc bounded", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "launch-line-"));
    const probe = path.join(dir, "probe.cjs");
    fs.writeFileSync(probe, PROBE);
    // Run as a user runs it: the file itself, through its #! line.
    const stderr = await new Promise<string>((resolve) =>
      execFile(BIN, ["--help"], { env: { ...process.env, NODE_OPTIONS: `--require ${probe}` }, encoding: "utf8" }, (_error, _stdout, err) => resolve(err)),
    );
    fs.rmSync(dir, { recursive: true });
    const seen = JSON.parse(/probe (.*)/.exec(stderr)?.[1] ?? "null") as { gc: string; young: number; arenas: string; mmapThreshold: string };
    expect(seen.gc).toBe("function");
    // Two 8 MB semi-spaces at most, whatever a node's default (16 MB today).
    expect(seen.young).toBeLessThanOrEqual(16 * 1024 * 1024);
    expect(seen.arenas).toBe("2");
    expect(seen.mmapThreshold).toBe("131072");
  });
});
