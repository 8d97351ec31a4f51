import type { MeterSku, TokenKind } from "../pricing/meterCatalog";

/** Invoice rows on one token meter, summed per UTC day, resource, charge category and currency. */
export type InvoiceLine = {
  day: string;
  resourceId: string;
  region: string;
  meterName: string;
  modelId: string;
  sku: MeterSku;
  batch: boolean;
  kind: TokenKind;
  chargeCategory: string;
  currency: string;
  rows: number;
  tokens: bigint;
  /** What the invoice bills (FOCUS BilledCost; the classic export's costInBillingCurrency). */
  billedAtto: bigint;
  /** After amortized commitments (FOCUS EffectiveCost): what reconciliation compares. */
  effectiveAtto: bigint;
};

export type InvoiceFormat = "focus" | "classic";

/** One imported export file, named by the SHA-256 of its content. */
export type InvoiceImport = {
  id: string;
  file: string;
  format: InvoiceFormat;
  rows: number;
  counted: number;
  skipped: Record<string, number>;
  fromDay: string;
  toDay: string;
  /** The resource ids its lines are on, sorted: what a later export of them may supersede. */
  resources: string[];
  importedAt: number;
};
