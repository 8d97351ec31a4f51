import { azureEndpoint, type AzureAccess } from "../config/azureEndpoint";
import type { Config } from "../config/schema";

export type ArmAccess = AzureAccess;

/** Azure Resource Manager (`CHARGEBACK_ARM_URL`): the identity needs Reader on the resource group. */
export const armAccess = (config: Pick<Config, "CHARGEBACK_ARM_URL">) => azureEndpoint("CHARGEBACK_ARM_URL", config.CHARGEBACK_ARM_URL);
