import { describe, expect, it } from "vitest";
import { safeText, unsafeText } from "../../../lib/core/safeText";

describe("text cells in exports", () => {
  it("cannot be run as spreadsheet formulas", () => {
    expect(['=HYPERLINK("x")', "+1", "-cmd", "@SUM(A1)", "\tx"].map(safeText)).toEqual(['\'=HYPERLINK("x")', "'+1", "'-cmd", "'@SUM(A1)", "'\tx"]);
    expect(safeText("Support Chatbot")).toBe("Support Chatbot");
  });

  it("cannot be run as formulas when they start with a Unicode look-alike of = + - @", () => {
    const lookAlikes = [
      "\uFF1DHYPERLINK(1)", // full-width =
      "\uFE66cmd", // small =
      "\u207C1", // superscript =
      "\uFF0B1", // full-width +
      "\uFE621", // small +
      "\uFF0D1", // full-width -
      "\uFE631", // small -
      "\u22121", // minus sign
      "\u20131", // en dash
      "\uFF20SUM(A1)", // full-width @
      "\uFE6BSUM(A1)", // small @
    ];
    expect(lookAlikes.map(safeText)).toEqual(lookAlikes.map((v) => `'${v}`));
    expect(lookAlikes.map(safeText).map(unsafeText)).toEqual(lookAlikes);
    expect(["Ｓupport", "'quoted", "№ 5", "ℍ"].map(safeText)).toEqual(["Ｓupport", "'quoted", "№ 5", "ℍ"]);
    expect(unsafeText("'quoted")).toBe("'quoted");
  });
});
