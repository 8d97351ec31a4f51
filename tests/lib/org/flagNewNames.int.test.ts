import { describe, expect, it } from "vitest";
import { flagNewNames } from "../../../lib/org/flagNewNames";
import { readOrgMappings, importOrgMappings } from "../../../lib/org/importOrgMappings";
import { freshStore } from "../../support/store";

const ORG = "appId,costCenter,businessUnit,validFrom\napp-1,CC-610,Marketing,2026-01-01\napp-2,CC-100,Stores,2026-01-01\n";

describe("a mapping import flags unit and cost-center names that do not exist yet", () => {
  it("a typo of an existing name is flagged with the name it probably meant; existing names are not flagged", async () => {
    const { store } = freshStore();
    await importOrgMappings(store, ORG, "org.csv");
    const rows = readOrgMappings(
      "appId,costCenter,businessUnit,validFrom\napp-3,CC-61O,Marketting,2026-02-01\napp-4,CC-100,Stores,2026-02-01\napp-5,CC-900,Research,2026-02-01\n",
      "new.csv",
    );
    expect(flagNewNames(await store.listOrgMappings(), rows)).toEqual([
      { kind: "business unit", name: "Marketting", didYouMean: "Marketing" },
      { kind: "business unit", name: "Research", didYouMean: null },
      { kind: "cost center", name: "CC-61O", didYouMean: "CC-610" },
      { kind: "cost center", name: "CC-900", didYouMean: null },
    ]);
  });

  it("a file naming only existing units and cost centers flags nothing", async () => {
    const { store } = freshStore();
    await importOrgMappings(store, ORG, "org.csv");
    const rows = readOrgMappings("appId,costCenter,businessUnit,validFrom\napp-9,CC-610,Marketing,2026-03-01\n", "same.csv");
    expect(flagNewNames(await store.listOrgMappings(), rows)).toEqual([]);
  });
});
