import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { createHttpServer } from "@vercel/cosmosdb-server";
import { afterAll, afterEach, beforeAll } from "vitest";
import { CosmosStore } from "../../lib/store/cosmos/cosmosStore";

/** The key a loopback test server takes (it checks none). */
export const TEST_KEY = "test-key-loopback-only";

/**
 * Runs `@vercel/cosmosdb-server` in this process on 127.0.0.1 (a free port) for the file's tests;
 * the real `@azure/cosmos` SDK talks to it over HTTP. Call at the top of a test file.
 */
export function useCosmosServer(): { endpoint: () => string; freshStore: () => CosmosStore } {
  const server = createHttpServer();
  let endpoint = "";
  const stores: CosmosStore[] = [];
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return {
    endpoint: () => endpoint,
    /** A store on a database of its own (the server keeps it in memory until it stops). */
    freshStore: () => {
      const store = CosmosStore.open({ endpoint, database: `test-${randomBytes(6).toString("hex")}`, key: TEST_KEY });
      stores.push(store);
      return store;
    },
  };
}
