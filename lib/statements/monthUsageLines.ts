import type { LedgerReader } from "../ledger/ledgerReader";
import { type LiveMonth, usageLines } from "./liveLines";
import { usageLinesCodec } from "./usageLinesCodec";

/** The month's usage lines before markups, from its materialized ledger (built from its ledger when stale). */
export const monthUsageLines = (reader: LedgerReader, month: string): Promise<LiveMonth> =>
  reader.figures(month).part("lines", async () => usageLines(await reader.ledger(month)), usageLinesCodec);
