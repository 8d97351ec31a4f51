import { beforeAll } from "vitest";
import { TEST_KEY, useCosmosServer } from "../support/cosmosServer";
import { describeFaultScenario } from "./eventHubsFaultScenario";

// The workers write to the Cosmos DB test server: exactly once without a transaction.
const cosmos = useCosmosServer();
beforeAll(() => {
  Object.assign(process.env, {
    CHARGEBACK_STORE: "cosmos",
    CHARGEBACK_COSMOS_ENDPOINT: cosmos.endpoint(),
    CHARGEBACK_COSMOS_KEY: TEST_KEY,
    CHARGEBACK_COSMOS_DATABASE: "faults",
  });
});

// Fewer events than on SQLite: the test server is an in-memory JavaScript process sharing this
// one with the hub stand-in, far slower than Cosmos DB; the kills and the checks are the same.
describeFaultScenario("Cosmos DB store", { EVENTS: 4_000, KILLS: 2, timeout: 240_000 });
