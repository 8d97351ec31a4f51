import type { Container, ContainerDefinition, Database, IndexingPolicy } from "@azure/cosmos";

/**
 * The container layout (docs/cosmos.md explains the why):
 * - `usage`, partition key `/pk` = `appId|day`: one rollup sheet per app and UTC day (its daily,
 *   hourly, per-tag/end-user and per-outcome rows, rollupSheet.ts).
 * - `quarantine`, `/id`: lines that failed validation, keyed by the identity they would have had.
 * - `identities`, `/id`: each event identity's claim, which is the stored fact, each HTTP intake
 *   Idempotency-Key and each signed-in session: point reads and writes, each its own logical partition.
 * - `reference`, `/kind`: the small dimensions (prices, deployments, discounts, mappings, apps,
 *   owners, directory entries, ingest keys, price sync runs) and the audit log, one logical
 *   partition per kind.
 * - `months`, `/month`: a closed month's record, its frozen statement lines and its log entries.
 */
export type Containers = { usage: Container; quarantine: Container; identities: Container; reference: Container; months: Container };

const excludeAll = (included: string[], composite?: IndexingPolicy["compositeIndexes"]): IndexingPolicy => ({
  indexingMode: "consistent",
  automatic: true,
  includedPaths: included.map((path) => ({ path })),
  excludedPaths: [{ path: "/*" }],
  ...(composite ? { compositeIndexes: composite } : {}),
});

/**
 * Only the paths queries filter or sort on are indexed: writes pay for every indexed path. With
 * Entra ID the store cannot create containers: deploy/azure/chargeback.json creates these, and a
 * unit test keeps the two the same.
 */
export const CONTAINERS: Record<keyof Containers, ContainerDefinition> = {
  usage: {
    id: "usage",
    partitionKey: { paths: ["/pk"] },
    indexingPolicy: excludeAll(
      ["/pk/?", "/kind/?", "/day/?", "/appId/?", "/pendingAt/?", "/usageDay/?"],
      [
        [
          { path: "/kind", order: "ascending" },
          { path: "/day", order: "ascending" },
        ],
      ],
    ),
  },
  quarantine: { id: "quarantine", partitionKey: { paths: ["/id"] }, indexingPolicy: excludeAll(["/status/?", "/receivedAt/?"]) },
  identities: {
    id: "identities",
    partitionKey: { paths: ["/id"] },
    // Sessions are found by principal (or group) only when revoked for an owner's removal; claims
    // by receipt for the status page's events per source.
    indexingPolicy: excludeAll(["/kind/?", "/day/?", "/principals/[]/?", "/revokedAt/?", "/receivedAt/?"]),
  },
  reference: { id: "reference", partitionKey: { paths: ["/kind"] }, indexingPolicy: excludeAll(["/kind/?", "/seq/?", "/importedAt/?"]) },
  months: { id: "months", partitionKey: { paths: ["/month"] }, indexingPolicy: excludeAll(["/month/?", "/type/?", "/forMonth/?", "/seq/?"]) },
};

/** Creates the containers that are missing (never changes existing ones) and returns them all. */
export async function ensureContainers(database: Database): Promise<Containers> {
  const entries = await Promise.all(
    (Object.keys(CONTAINERS) as (keyof Containers)[]).map(
      async (name) => [name, (await database.containers.createIfNotExists(CONTAINERS[name])).container] as const,
    ),
  );
  return Object.fromEntries(entries) as Containers;
}

/** The containers of a database that must already hold them (read-only commands, the web server). */
export function existingContainers(database: Database): Containers {
  return {
    usage: database.container("usage"),
    quarantine: database.container("quarantine"),
    identities: database.container("identities"),
    reference: database.container("reference"),
    months: database.container("months"),
  };
}
