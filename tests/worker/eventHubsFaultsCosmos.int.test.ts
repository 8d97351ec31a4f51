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
// A Cosmos batch is several requests (lease, claims, sheet), so a kill right after a batch's totals show
// lands past a 150 ms checkpoint as often as before it; a slower link makes a redelivery
// (which the test requires, to prove it absorbed one) far more likely.
describeFaultScenario("Cosmos DB store", { EVENTS: 4_000, KILLS: 2, timeout: 240_000, checkpointDelayMs: 400 });
