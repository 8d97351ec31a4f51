import { azureEndpoint, type AzureAccess } from "../config/azureEndpoint";

export type ArmAccess = AzureAccess;

/** Azure Resource Manager (`CHARGEBACK_ARM_URL`): the identity needs Reader on the resource group. */
export const armAccess = (env: NodeJS.ProcessEnv = process.env) => azureEndpoint("CHARGEBACK_ARM_URL", "https://management.azure.com", env);
