import { monthDays } from "../core/months";
import type { UsageReads } from "../store/port";

/** The tag keys events of the month carried, sorted: the breakdown's picker offers these, not a free-text box. */
export async function getTagKeys(store: Pick<UsageReads, "listUsageDimensions">, month: string): Promise<string[]> {
  const { from, to } = monthDays(month);
  return (await store.listUsageDimensions(from, to)).filter((d) => d.startsWith("tag:")).map((d) => d.slice(4));
}
