import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { CosmosStore } from "../../../lib/store/cosmos/cosmosStore";
import type { UsageStore } from "../../../lib/store/port";
import { checkStoreHealth } from "../../../lib/store/storeHealth";
import { TEST_KEY, useCosmosServer } from "../../support/cosmosServer";
import { freshStore } from "../../support/store";

const cosmos = useCosmosServer();

describe("the store's health, for readiness probes", () => {
  it("SQLite: ready when migrated, not when a migration is missing (and says which)", async () => {
    const { store, file } = freshStore();
    expect(await checkStoreHealth(store)).toEqual({ reachable: true, schemaCurrent: true });
    const db = new Database(file);
    const latest = db.prepare("SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1").pluck().get() as string;
    db.prepare("DELETE FROM _prisma_migrations WHERE migration_name = ?").run(latest);
    db.close();
    expect(await checkStoreHealth(store)).toEqual({ reachable: true, schemaCurrent: false, problem: `migrations not applied: ${latest}` });
  });

  it("Cosmos DB: ready with its database and containers, reachable but not laid out without them, unreachable when the account is away", async () => {
    expect(await checkStoreHealth(cosmos.freshStore())).toEqual({ reachable: true, schemaCurrent: true });

    // As the web app opens it (nothing created): a database nobody made yet.
    const empty = CosmosStore.open({ endpoint: cosmos.endpoint(), database: "never-made", key: TEST_KEY }, { create: false });
    expect(await checkStoreHealth(empty)).toMatchObject({
      reachable: true,
      schemaCurrent: false,
      problem: "the database or a container does not exist (404)",
    });
    await empty.close();

    const away = CosmosStore.open({ endpoint: "http://127.0.0.1:9", database: "chargeback", key: TEST_KEY }, { create: false });
    expect(await checkStoreHealth(away, 10_000)).toMatchObject({ reachable: false, schemaCurrent: false });
    await away.close();
  });

  it("a store that does not answer in time is not ready: the probe never hangs", async () => {
    const hanging = { checkHealth: () => new Promise(() => undefined) } as unknown as UsageStore;
    expect(await checkStoreHealth(hanging, 100)).toEqual({ reachable: false, schemaCurrent: false, problem: "no answer within 0.1 s" });
  });
});
