import { z } from "zod";
import type { MeterSku } from "./meterCatalog";

export const DEPLOYMENT_SKUS = [
  "GlobalStandard",
  "DataZoneStandard",
  "Standard",
  "GlobalBatch",
  "DataZoneBatch",
  "ProvisionedManaged",
  "GlobalProvisionedManaged",
  "DataZoneProvisionedManaged",
] as const;

/** A gateway deployment; "*" is the default for events that name no deployment. */
export const Deployment = z.object({
  name: z.string().trim().min(1, "is empty"),
  model: z
    .string()
    .trim()
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .default(null),
  // Azure's display names ("East US 2") and ARM names ("eastus2") both read as the ARM name.
  region: z
    .string()
    .default("")
    .transform((v) => v.toLowerCase().replace(/\s+/g, "")),
  sku: z.enum(DEPLOYMENT_SKUS, { error: `must be one of ${DEPLOYMENT_SKUS.join(", ")}` }),
});
export type Deployment = z.infer<typeof Deployment>;

/** Which meters a deployment type is billed on; provisioned capacity has no token meter. */
export const METERS_OF_SKU: Record<Deployment["sku"], { sku: MeterSku; batch: boolean } | null> = {
  GlobalStandard: { sku: "global", batch: false },
  DataZoneStandard: { sku: "datazone", batch: false },
  Standard: { sku: "regional", batch: false },
  GlobalBatch: { sku: "global", batch: true },
  DataZoneBatch: { sku: "datazone", batch: true },
  ProvisionedManaged: null,
  GlobalProvisionedManaged: null,
  DataZoneProvisionedManaged: null,
};

/** Provisioned (PTU) deployments are paid by their reservation, never per token. */
export const isProvisioned = (sku: Deployment["sku"]) => METERS_OF_SKU[sku] === null;

export const DEFAULT_DEPLOYMENT = "*";
