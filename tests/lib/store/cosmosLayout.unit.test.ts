import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONTAINERS } from "../../../lib/store/cosmos/containers";

type Resource = {
  type?: string;
  properties?: { resource?: { id: string; partitionKey?: { paths: string[] }; indexingPolicy?: unknown } };
  resources?: Resource[];
};
const TEMPLATE = path.resolve(__dirname, "..", "..", "..", "deploy", "azure", "chargeback.json");

function containersOf(resources: Resource[]): NonNullable<NonNullable<Resource["properties"]>["resource"]>[] {
  return resources.flatMap((r) => [
    ...(r.type?.endsWith("containers") && r.properties?.resource ? [r.properties.resource] : []),
    ...containersOf(r.resources ?? []),
  ]);
}

describe("the Cosmos DB container layout", () => {
  it("is the same in the deployment template as in the store (which cannot create containers with Entra ID)", () => {
    const deployed = containersOf((JSON.parse(fs.readFileSync(TEMPLATE, "utf8")) as { resources: Resource[] }).resources);
    expect(deployed.map((c) => c.id).sort()).toEqual(Object.keys(CONTAINERS).sort());
    for (const c of deployed) {
      const ours = CONTAINERS[c.id as keyof typeof CONTAINERS];
      expect(c.partitionKey?.paths, c.id).toEqual(
        ours.partitionKey && typeof ours.partitionKey === "object" && "paths" in ours.partitionKey ? ours.partitionKey.paths : undefined,
      );
      expect(c.indexingPolicy, c.id).toEqual(ours.indexingPolicy);
    }
  });
});
