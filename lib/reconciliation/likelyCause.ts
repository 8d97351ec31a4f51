/** What a meter's figures suggest, most telling first. */
export type MeterFigures = {
  sku: string;
  invoiceTokens: bigint;
  eventTokens: bigint;
  invoiceAtto: bigint;
  eventAtto: bigint;
  creditAtto: bigint;
  unpricedTokens: bigint;
};

/** Gaps under 1% are rounding and timing (a call near midnight billed on the other day). */
const TOLERANCE_PPM = 10_000n;
const beyond = (a: bigint, b: bigint) => {
  const diff = a > b ? a - b : b - a;
  const base = a > b ? a : b;
  return diff * 1_000_000n > base * TOLERANCE_PPM;
};

export function likelyCause(f: MeterFigures): string {
  const onBill = f.invoiceTokens !== 0n || f.invoiceAtto !== 0n;
  const inEvents = f.eventTokens !== 0n || f.eventAtto !== 0n;
  if (!onBill && inEvents) {
    if (f.sku === "provisioned") return "PTU reservation: billed per PTU and hour, not per token";
    if (f.sku === "unconfigured") return "events with no bill line: the deployment is not configured";
    return "events with no bill line: wrong deployment mapping (SKU, model) or region";
  }
  if (onBill && f.eventTokens === 0n) return "usage that bypassed the gateway: on the bill, not in events";
  if (beyond(f.invoiceTokens, f.eventTokens)) {
    return f.invoiceTokens > f.eventTokens
      ? "usage that bypassed the gateway (or events missing): more tokens billed than in events"
      : "more tokens in events than billed: wrong deployment mapping or region";
  }
  if (f.unpricedTokens > 0n) return "some events are not priced (see the price book)";
  if (f.creditAtto !== 0n && beyond(f.invoiceAtto, f.eventAtto)) return "credit or refund on the bill";
  if (beyond(f.invoiceAtto, f.eventAtto)) return "price difference: negotiated discount or a price change";
  return "matches";
}
