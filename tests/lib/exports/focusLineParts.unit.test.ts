import { describe, expect, it } from "vitest";
import { exportLines } from "../../../lib/exports/focusLineParts";
import { type CostedLine, type LinePart, noTokens } from "../../../lib/statements/statementLine";

const ATTO_PER_CENT = 10n ** 16n;
const tokens = (totalTokens: number) => ({ ...noTokens(), requests: 1, promptTokens: totalTokens, totalTokens });
const part = (region: string, reservation: string, atto: bigint, totalTokens: number): LinePart => ({
  region,
  reservation,
  ptuHours: reservation ? "3.5" : "",
  tokens: tokens(totalTokens),
  atto,
  listAtto: atto,
});
const TOKEN_PRICE = "gpt-4o-0806-Inp-glbl Tokens at 0.0000025 per token from 2025-01-01";
const PTU_PRICE = "reservation of gpt-41-ptu, 1 PTU, at 0.1 per PTU and hour from 2026-10-01";

function line(parts: LinePart[] | undefined, cents: bigint): CostedLine {
  const atto = (parts ?? []).reduce((sum, p) => sum + p.atto, 0n);
  return {
    kind: "usage",
    forMonth: "2026-11",
    businessUnit: "Stores",
    costCenter: "CC-110",
    appId: "app-1",
    appName: "Store Assistant",
    model: "gpt-4o",
    reason: "",
    tokens: tokens(300),
    atto,
    listAtto: atto,
    prices: [PTU_PRICE, TOKEN_PRICE],
    rule: "",
    cents,
    listCents: cents,
    ...(parts ? { parts } : {}),
  };
}

describe("a usage line as FOCUS rows", () => {
  it("is one row per part, whose cents add up to the line's and follow each part's exact cost", () => {
    const parts = [
      part("eastus2", "", 333n * ATTO_PER_CENT + 1n, 100),
      part("swedencentral", "", 333n * ATTO_PER_CENT, 200),
      part("eastus2", "reservations/gpt-41-ptu/2026-10-01", 334n * ATTO_PER_CENT, 0),
    ];
    const rows = exportLines(line(parts, 1000n));
    expect(rows.map((r) => r.cents)).toEqual([333n, 333n, 334n]);
    expect(rows.reduce((sum, r) => sum + r.listCents, 0n)).toBe(1000n);
    expect(rows.map((r) => [r.part?.region, r.tokens.totalTokens, r.parts])).toEqual([
      ["eastus2", 100, undefined],
      ["swedencentral", 200, undefined],
      ["eastus2", 0, undefined],
    ]);
  });

  it("cites the reservation on its capacity part and the token meters on the others", () => {
    const rows = exportLines(line([part("eastus2", "", ATTO_PER_CENT, 100), part("eastus2", "reservations/gpt-41-ptu/2026-10-01", ATTO_PER_CENT, 0)], 2n));
    expect(rows.map((r) => r.prices)).toEqual([[TOKEN_PRICE], [PTU_PRICE]]);
  });

  it("gives tokens that cost nothing on a provisioned deployment the reservation they ran on", () => {
    const only = line([part("eastus2", "", 0n, 100)], 0n);
    const rows = exportLines({ ...only, prices: [PTU_PRICE] });
    expect(rows.map((r) => r.prices)).toEqual([[PTU_PRICE]]);
  });

  it("keeps a line frozen before parts were kept, and any line that is not usage, as one row", () => {
    const frozen = line(undefined, 5n);
    expect(exportLines(frozen)).toEqual([frozen]);
    const correction = { ...line([part("eastus2", "", ATTO_PER_CENT, 1)], 1n), kind: "adjustment" as const };
    expect(exportLines(correction)).toEqual([correction]);
  });
});
