import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "../../../lib/events/jsonDepth";

describe("nestsDeeperThan", () => {
  it("counts how deep brackets nest, objects and arrays alike, to the limit and one past it", () => {
    for (let depth = MAX_JSON_DEPTH - 2; depth <= MAX_JSON_DEPTH + 2; depth++) {
      const opens = Array.from({ length: depth }, (_, i) => (i % 2 === 0 ? "[" : '{"k":')).join("");
      const closes = Array.from({ length: depth }, (_, i) => (i % 2 === 0 ? "]" : "}"))
        .reverse()
        .join("");
      expect(nestsDeeperThan(`${opens}1${closes}`)).toBe(depth > MAX_JSON_DEPTH);
    }
  });

  it("passes many brackets that do not nest, and brackets inside strings", () => {
    expect(nestsDeeperThan(`[${"[],{},".repeat(100)}[]]`)).toBe(false);
    expect(nestsDeeperThan(`{"a":"${"[{".repeat(100)}"}`)).toBe(false);
    expect(nestsDeeperThan(`{"a":"\\"${"{".repeat(100)}"}`)).toBe(false);
    expect(nestsDeeperThan(`{"a":"\\"","b":${"[".repeat(MAX_JSON_DEPTH)}]}`)).toBe(true);
  });
});
