import type { Config } from "../config/schema";

/** The Cosmos DB account settings of the configuration (its schema requires the endpoint when the store is cosmos). */
export const cosmosOptions = (config: Config) => ({
  endpoint: config.CHARGEBACK_COSMOS_ENDPOINT!,
  database: config.CHARGEBACK_COSMOS_DATABASE,
  key: config.CHARGEBACK_COSMOS_KEY,
});
