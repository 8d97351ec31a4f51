import type Database from "better-sqlite3";
import { BUCKET_COLUMNS } from "../../events/modelTimeBuckets";
import { HOURLY_SUMS } from "../rollupFields";

const SUMS = [...HOURLY_SUMS, ...BUCKET_COLUMNS];

/**
 * Folds hourly rows (`hour` is `YYYY-MM-DDTHH`, 13 characters) of days before `before` into one row
 * per app, deployment and day (`hour` = the day), except `keep` deployments'. One transaction per
 * day: the writer is never held up long, and a day is folded whole or not at all. A late event for a
 * folded day writes an hourly row again; the next run folds it into the day's row (an insert into
 * the view adds to the row of its key).
 */
export function compactHourlyUsage(db: Database.Database, before: string, keep: readonly string[], dryRun: boolean): { hourlyRows: number } {
  const notKept = keep.length > 0 ? ` AND deployment NOT IN (${keep.map(() => "?").join(", ")})` : "";
  const ofDay = `length(hour) = 13 AND hour >= ? AND hour < ?${notKept}`;
  if (dryRun) {
    const n = db.prepare(`SELECT COUNT(*) AS n FROM HourlyAppUsage WHERE length(hour) = 13 AND hour < ?${notKept}`).get(before, ...keep) as { n: number };
    return { hourlyRows: n.n };
  }
  const days = db
    .prepare(`SELECT DISTINCT substr(hour, 1, 10) AS day FROM HourlyAppUsage WHERE length(hour) = 13 AND hour < ?${notKept}`)
    .all(before, ...keep) as { day: string }[];
  const fold = db.prepare(
    `INSERT INTO HourlyAppUsage (hour, appId, deployment, ${SUMS.join(", ")})
     SELECT substr(hour, 1, 10), appId, deployment, ${SUMS.map((c) => `SUM(${c})`).join(", ")} FROM HourlyAppUsage WHERE ${ofDay}
     GROUP BY appId, deployment`,
  );
  // Counted before: a delete through the view reports no changes (its trigger makes them).
  const count = db.prepare(`SELECT COUNT(*) AS n FROM HourlyAppUsage WHERE ${ofDay}`);
  const remove = db.prepare(`DELETE FROM HourlyAppUsage WHERE ${ofDay}`);
  const foldDay = db.transaction((day: string) => {
    const range = [`${day}T00`, `${day}T99`, ...keep];
    const { n } = count.get(...range) as { n: number };
    fold.run(...range);
    remove.run(...range);
    return n;
  });
  let hourlyRows = 0;
  for (const { day } of days) hourlyRows += foldDay(day);
  return { hourlyRows };
}
