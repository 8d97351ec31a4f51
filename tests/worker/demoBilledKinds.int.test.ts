import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadDemoData } from "../../ingest/worker/demo/loadDemoData";
import { BILLED_KIND_DEPLOYMENTS } from "../../ingest/worker/demo/demoOrganisation";
import { LedgerReader } from "../../lib/ledger/ledgerReader";
import { freshStore } from "../support/store";

describe("the demo data", () => {
  it("calls gpt-5.6, a non-OpenAI model, realtime and image models, at priority and with long prompts and cache writes, all priced", async () => {
    const { store } = freshStore();
    const now = Date.UTC(2026, 10, 20, 12);
    const summary = await loadDemoData(store, fs.mkdtempSync(path.join(os.tmpdir(), "demo-")), now, 200);
    expect(summary.accepted).toBeGreaterThan(0);
    const rows = await store.listDailyUsage("2026-09-01", "2026-11-21");
    const { charges } = await new LedgerReader(store).catalog();
    const of = (deployment: string) => rows.filter((r) => r.deployment === deployment);
    for (const d of BILLED_KIND_DEPLOYMENTS) {
      expect(of(d.deployment).length, d.deployment).toBeGreaterThan(0);
      expect(of(d.deployment).filter((r) => !charges.charge(r).priced)).toEqual([]);
    }
    const sum = (list: typeof rows, field: "cacheWriteTokens" | "audioInputTokens" | "audioOutputTokens" | "imageOutputTokens") =>
      list.reduce((n, r) => n + r[field], 0n);
    expect(of("gpt-56-sol").some((r) => r.serviceTier === "priority")).toBe(true);
    expect(of("gpt-56-sol").some((r) => r.longContext)).toBe(true);
    expect(sum(of("gpt-56-sol"), "cacheWriteTokens")).toBeGreaterThan(0n);
    expect(sum(of("gpt-realtime"), "audioInputTokens")).toBeGreaterThan(0n);
    expect(sum(of("gpt-realtime"), "audioOutputTokens")).toBeGreaterThan(0n);
    expect(sum(of("gpt-image-1"), "imageOutputTokens")).toBeGreaterThan(0n);
  });
});
