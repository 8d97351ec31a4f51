import { azureEndpoint, type AzureAccess } from "../config/azureEndpoint";
import type { Config } from "../config/schema";

export type LogsAccess = AzureAccess;

/** Azure Monitor Logs (`CHARGEBACK_LOGS_URL`): the identity needs Log Analytics Reader on the workspace. */
export const logsAccess = (config: Pick<Config, "CHARGEBACK_LOGS_URL">) => azureEndpoint("CHARGEBACK_LOGS_URL", config.CHARGEBACK_LOGS_URL);
