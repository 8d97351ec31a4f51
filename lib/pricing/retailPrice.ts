import { z } from "zod";

/** One item of an Azure Retail Prices API response (`Items[]`). */
export const RetailPriceItem = z.object({
  meterId: z.string().min(1),
  meterName: z.string(),
  productName: z.string(),
  skuName: z.string().default(""),
  serviceName: z.string().default(""),
  armRegionName: z.string(),
  unitOfMeasure: z.string(),
  // JSON numbers: String() gives back the shortest decimal the API wrote, e.g. "0.000165".
  retailPrice: z
    .union([z.number(), z.string()])
    .transform((v) => String(v))
    .refine((v) => /^\d+(\.\d+)?(e[-+]?\d+)?$/i.test(v), "must be a non-negative number"),
  effectiveStartDate: z.string().regex(/^\d{4}-\d{2}-\d{2}T/, "must be an ISO-8601 date-time"),
  currencyCode: z.string().default("USD"),
  type: z.string().default("Consumption"),
  tierMinimumUnits: z
    .union([z.number(), z.string()])
    .default(0)
    .transform((v) => String(v)),
});
export type RetailPriceItem = z.infer<typeof RetailPriceItem>;

/** A Retail Prices API response page. */
export const RetailPricePage = z.object({
  Items: z.array(z.unknown()),
  NextPageLink: z.string().nullish(),
});
