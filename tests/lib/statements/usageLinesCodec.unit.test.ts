import { describe, expect, it } from "vitest";
import type { LiveMonth } from "../../../lib/statements/liveLines";
import { usageLinesCodec } from "../../../lib/statements/usageLinesCodec";

const line = (appId: string, extra: object = {}) => ({
  kind: "usage" as const,
  forMonth: "2026-11",
  businessUnit: "Retail",
  costCenter: "CC-1",
  appId,
  model: "gpt-4o-2024-08-06",
  rule: "",
  appName: `App ${appId}`,
  reason: "",
  tokens: { requests: 3, promptTokens: 3000, cachedTokens: 0, completionTokens: 300, totalTokens: 3300, billed: { priorityTokens: 3300 } },
  atto: 10_500_000_000_000_000n + 1n,
  listAtto: 12_000_000_000_000_000_001n,
  prices: ["gpt-4o-0806-Inp-glbl Tokens at 0.0000025 per token from 2025-01-01", "gpt-4o-0806-Outp-glbl Tokens at 0.00001 per token from 2025-01-01"],
  ...extra,
});

describe("stored usage lines", () => {
  it("read back exactly as written, money to the 10^-18, a field added to statement lines (with bigints) included", () => {
    const live: LiveMonth = {
      currency: "USD",
      unpriced: [{ businessUnit: "", reason: "no price", requests: 2, totalTokens: 30 }],
      lines: [
        line("app-1"),
        { ...line("app-2"), tokens: { requests: 1, promptTokens: 1, cachedTokens: 0, completionTokens: 0, totalTokens: 1 } },
        line("app-3", { parts: [{ region: "eastus2", atto: -7n }] }),
      ],
    };
    const stored = JSON.parse(JSON.stringify(usageLinesCodec.encode(live)));
    expect(usageLinesCodec.decode(stored as never)).toEqual(live);
    // Each price's text is stored once, however many lines cite it.
    expect(JSON.stringify(stored).split("gpt-4o-0806-Inp-glbl").length - 1).toBe(1);
  });
});
