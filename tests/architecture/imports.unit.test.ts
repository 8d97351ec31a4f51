import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..");
const IMPORT = /(?:import|export)\s[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|require\(\s*["']([^"']+)["']\s*\)/g;

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sources(rel);
    return /\.(ts|tsx|js|mjs)$/.test(entry.name) ? [rel] : [];
  });
}

/** Top-level folders each source file of `dir` reaches through relative imports. */
function reaches(dir: string): { file: string; target: string }[] {
  return sources(dir).flatMap((file) =>
    [...fs.readFileSync(path.join(ROOT, file), "utf8").matchAll(IMPORT)]
      .map((m) => m[1] ?? m[2] ?? m[3])
      .filter((spec) => spec.startsWith("."))
      .map((spec) => ({ file, target: path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec)).split(path.sep)[0] })),
  );
}

describe("layering: app/ and ingest/ share lib/ and never import each other", () => {
  it.each([
    ["lib", ["app", "ingest"]],
    ["app", ["ingest"]],
    ["ingest", ["app"]],
  ])("%s/ imports nothing from %j", (dir, forbidden) => {
    const found = reaches(dir as string);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((r) => (forbidden as string[]).includes(r.target))).toEqual([]);
  });
});
