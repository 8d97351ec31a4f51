import { describe, expect, it } from "vitest";
import { safeText } from "../../../lib/core/safeText";

describe("text cells in exports", () => {
  it("cannot be run as spreadsheet formulas", () => {
    expect(['=HYPERLINK("x")', "+1", "-cmd", "@SUM(A1)", "\tx"].map(safeText)).toEqual(['\'=HYPERLINK("x")', "'+1", "'-cmd", "'@SUM(A1)", "'\tx"]);
    expect(safeText("Support Chatbot")).toBe("Support Chatbot");
  });
});
