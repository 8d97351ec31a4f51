import type { Containers } from "./containers";
import { eachLimited, queryAll } from "./cosmosOps";
import { readSheet, unpack, withFoldedHours, writeSheet } from "./rollupSheet";
import { type HourlyDoc, hourlyKey } from "./usageDocs";

const SUMS = ["requests", "promptTokens", "cachedTokens", "completionTokens", "totalTokens", "timedRequests", "modelTimeMs"] as const;
const isHour = (h: HourlyDoc) => h.hour.length === 13;

/** A sheet's hourly rows with those of real hours (not of `keep` deployments) folded into one row per deployment and day. */
function fold(day: string, hourly: Record<string, HourlyDoc>, keep: ReadonlySet<string>): { rows: Record<string, HourlyDoc>; folded: number } {
  const rows: Record<string, HourlyDoc> = {};
  let folded = 0;
  for (const [key, h] of Object.entries(hourly)) {
    const folds = isHour(h) && !keep.has(h.deployment);
    if (folds) folded++;
    // A day row of an earlier run (a late event's hours since) shares its key with the fold: summed.
    const target = folds ? hourlyKey(day, h.appId, h.deployment) : key;
    const into = rows[target];
    if (!into) rows[target] = { ...h, hour: folds ? day : h.hour, buckets: [...h.buckets] };
    else {
      for (const f of SUMS) into[f] += h[f];
      into.buckets = into.buckets.map((n, i) => n + (h.buckets[i] ?? 0));
    }
  }
  return { rows, folded };
}

/**
 * Sheets of days before `before` not yet compacted: their hourly rows are folded into day rows, each
 * sheet in one `IfMatch` replace. A sheet under a batch's lease (or changed meanwhile) is left for
 * the next run: the writer's own `IfMatch` commit is never disturbed.
 */
export async function compactHourlyUsage(c: Containers, before: string, keep: readonly string[], dryRun: boolean): Promise<{ hourlyRows: number }> {
  const pks = await queryAll<string>(c.usage, `SELECT VALUE c.pk FROM c WHERE c.kind = "sheet" AND c.day < @before AND NOT IS_DEFINED(c.compacted)`, {
    "@before": before,
  });
  const kept = new Set(keep);
  let hourlyRows = 0;
  await eachLimited(pks, 8, async (pk) => {
    const { sheet, etag } = await readSheet(c.usage, pk);
    if (!sheet || sheet.pending) return;
    const { rows, folded } = fold(sheet.day, unpack(sheet).hourly, kept);
    if (dryRun) hourlyRows += folded;
    else if (await writeSheet(c.usage, withFoldedHours(sheet, rows), etag)) hourlyRows += folded;
  });
  return { hourlyRows };
}
