import type Database from "better-sqlite3";
import { END_USER, OTHER_END_USERS } from "../../events/eventTags";
import { TOKEN_DETAILS } from "../../pricing/billedTokens";
import { USAGE_SUMS } from "../rollupFields";

const KEY = ["day", "appId", "deployment", "model", "region", "operation", "tokenKinds"];
const SUMS = [...USAGE_SUMS, ...TOKEN_DETAILS];

/**
 * Per app and UTC day before `before`, keeps the `top` end users with the most tokens (ties by
 * name) and folds the others' rows into OTHER_END_USERS, per pricing key: every sum per key stays
 * exact, only which of the tail's end users used it is lost. One transaction per app-day.
 */
export function foldEndUsers(db: Database.Database, before: string, top: number, dryRun: boolean): { endUserRows: number } {
  const crowded = db
    .prepare(
      `SELECT day, appId FROM DailyDimensionUsage WHERE dimension = ? AND day < ? AND value <> ?
       GROUP BY day, appId HAVING COUNT(DISTINCT value) > ?`,
    )
    .all(END_USER, before, OTHER_END_USERS, top) as { day: string; appId: string }[];
  const tail = db.prepare(
    `SELECT value FROM DailyDimensionUsage WHERE dimension = ? AND day = ? AND appId = ? AND value <> ?
     GROUP BY value ORDER BY SUM(totalTokens) DESC, value LIMIT -1 OFFSET ?`,
  );
  const ofTail = "dimension = ? AND day = ? AND appId = ? AND value IN (SELECT value FROM json_each(?))";
  const count = db.prepare(`SELECT COUNT(*) AS n FROM DailyDimensionUsage WHERE ${ofTail}`);
  const fold = db.prepare(
    `INSERT INTO DailyDimensionUsage (${KEY.join(", ")}, dimension, value, ${SUMS.join(", ")})
     SELECT ${KEY.join(", ")}, dimension, ?, ${SUMS.map((c) => `SUM(${c})`).join(", ")} FROM DailyDimensionUsage WHERE ${ofTail}
     GROUP BY ${KEY.join(", ")}`, // into the view: it adds to an earlier fold's row
  );
  const remove = db.prepare(`DELETE FROM DailyDimensionUsage WHERE ${ofTail}`);
  const foldDay = db.transaction(({ day, appId }: { day: string; appId: string }) => {
    const values = (tail.all(END_USER, day, appId, OTHER_END_USERS, top) as { value: string }[]).map((r) => r.value);
    const where = [END_USER, day, appId, JSON.stringify(values)];
    // Counted before: a delete through the view reports no changes (its trigger makes them).
    const { n } = count.get(...where) as { n: number };
    if (dryRun) return n;
    fold.run(OTHER_END_USERS, ...where);
    remove.run(...where);
    return n;
  });
  let endUserRows = 0;
  for (const appDay of crowded) endUserRows += foldDay(appDay);
  return { endUserRows };
}
