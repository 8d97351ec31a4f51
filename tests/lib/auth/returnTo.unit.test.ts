import { describe, expect, it } from "vitest";
import { safeReturnTo } from "../../../lib/auth/returnTo";

describe("where sign-in returns to", () => {
  it("keeps paths on this site, with their query", () => {
    expect(safeReturnTo("/business-units/Stores?month=2026-11")).toBe("/business-units/Stores?month=2026-11");
    expect(safeReturnTo("/")).toBe("/");
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "https://evil.example",
    "/..//evil.example",
    "/.//evil.example",
    "/%2e%2e//evil.example",
    "evil",
    "",
    undefined,
    42,
  ])("sends %j home instead", (value) => {
    expect(safeReturnTo(value)).toBe("/");
  });
});
