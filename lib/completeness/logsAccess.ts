import { azureEndpoint, type AzureAccess } from "../config/azureEndpoint";

export type LogsAccess = AzureAccess;

/** Azure Monitor Logs (`CHARGEBACK_LOGS_URL`): the identity needs Log Analytics Reader on the workspace. */
export const logsAccess = (env: NodeJS.ProcessEnv = process.env) => azureEndpoint("CHARGEBACK_LOGS_URL", "https://api.loganalytics.io", env);
