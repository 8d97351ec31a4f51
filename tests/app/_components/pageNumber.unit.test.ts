import { describe, expect, it } from "vitest";
import { pageNumber } from "../../../app/_components/pageNumber";

describe("a table's page from the address", () => {
  it("takes a whole number from 1", () => {
    expect(pageNumber("1")).toBe(1);
    expect(pageNumber("7")).toBe(7);
    expect(pageNumber("12345")).toBe(12345);
  });

  it("reads anything else as the first page", () => {
    for (const bad of [undefined, "", "0", "-2", "1.5", "07", "abc", "123456", "2 "]) expect(pageNumber(bad), String(bad)).toBe(1);
  });
});
