import { describe, expect, it } from "vitest";
import { listModelFamilies } from "../../../lib/pricing/modelFamilies";
import { PriceBook } from "../../../lib/pricing/priceBook";
import { snapshotItems } from "../../support/retailPrices";

describe("the price book by model family", () => {
  const families = listModelFamilies(new PriceBook(snapshotItems().filter((i) => i.armRegionName === "eastus2")));

  it("shows each model once, with the deployment types, tiers, kinds and meters it is billed on", () => {
    const sol = families.find((f) => f.modelId === "gpt-5.6-sol")!;
    expect(sol).toMatchObject({ skus: ["datazone", "global"], tiers: ["priority", "standard"], longContext: true, regions: ["eastus2"] });
    expect(sol.kinds).toEqual(["cacheWrite", "cached", "input", "output"]);
    expect(sol.meters).toContain("5.6 sol ShortCo Cd Wr PP DZ 1M Tokens");
    expect(sol.meters).toHaveLength(24);
    expect(families.find((f) => f.modelId === "gpt-realtime-2025-08-28")!.kinds).toEqual([
      "audioCached",
      "audioInput",
      "audioOutput",
      "cached",
      "imageCached",
      "imageInput",
      "input",
      "output",
    ]);
    expect(families.filter((f) => f.modelId === "deepseek-r1")).toHaveLength(1);
    expect(families.map((f) => f.modelId)).toEqual([...families.map((f) => f.modelId)].sort((a, b) => a.localeCompare(b)));
  });
});
