import type Database from "better-sqlite3";

/**
 * The ids of the rollups' text keys (RollupKey, HourlyKey, DimensionValue; migration
 * 20261206210000), remembered per connection, so a batch writes its rows into the *Sums tables by
 * key id without looking the key up again: keys are never deleted and AUTOINCREMENT never reuses
 * a committed id. An id inserted by a transaction (or savepoint) that then rolls back is gone, and
 * may later be given to another key: so every insert of a key bumps a counter in a TEMP table, in
 * the same transaction, and a rollback takes the counter back with it. `beginBatch` sees the
 * counter below the last value it bumped to and forgets every id.
 */
export type RollupKeyIds = {
  /** Call at the start of each batch, inside its transaction. */
  beginBatch(): void;
  rollupKey(appId: string, deployment: string, model: string, region: string, operation: string, tokenKinds: number): number;
  hourlyKey(appId: string, deployment: string): number;
  dimensionValue(value: string): number;
};

// End users may be many: past this many remembered values, start over (a lookup each, then cached again).
const MOST_VALUES = 50_000;

const perConnection = new WeakMap<Database.Database, RollupKeyIds>();

export function rollupKeyIds(db: Database.Database): RollupKeyIds {
  let ids = perConnection.get(db);
  if (!ids) {
    ids = createRollupKeyIds(db);
    perConnection.set(db, ids);
  }
  return ids;
}

function createRollupKeyIds(db: Database.Database): RollupKeyIds {
  db.exec(
    "CREATE TEMP TABLE IF NOT EXISTS RollupKeyInserts (n INTEGER NOT NULL); INSERT INTO RollupKeyInserts SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM RollupKeyInserts)",
  );
  const readInserts = db.prepare("SELECT n FROM temp.RollupKeyInserts").pluck();
  const bumpInserts = db.prepare("UPDATE temp.RollupKeyInserts SET n = n + 1 RETURNING n").pluck();
  let inserts = readInserts.get() as number;
  const inserted = (id: number) => {
    inserts = bumpInserts.get() as number;
    return id;
  };

  const rollupKeys = new Map<string, number>();
  const findRollupKey = db
    .prepare("SELECT id FROM RollupKey WHERE appId = ? AND deployment = ? AND model = ? AND region = ? AND operation = ? AND tokenKinds = ?")
    .pluck();
  const addRollupKey = db
    .prepare("INSERT INTO RollupKey (appId, deployment, model, region, operation, tokenKinds) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")
    .pluck();
  const hourlyKeys = new Map<string, number>();
  const findHourlyKey = db.prepare("SELECT id FROM HourlyKey WHERE appId = ? AND deployment = ?").pluck();
  const addHourlyKey = db.prepare("INSERT INTO HourlyKey (appId, deployment) VALUES (?, ?) RETURNING id").pluck();
  const values = new Map<string, number>();
  const findValue = db.prepare("SELECT id FROM DimensionValue WHERE value = ?").pluck();
  const addValue = db.prepare("INSERT INTO DimensionValue (value) VALUES (?) RETURNING id").pluck();

  return {
    beginBatch() {
      const now = readInserts.get() as number;
      if (now === inserts) return;
      rollupKeys.clear();
      hourlyKeys.clear();
      values.clear();
      inserts = now;
    },
    rollupKey(appId, deployment, model, region, operation, tokenKinds) {
      const key = `${appId}\u0000${deployment}\u0000${model}\u0000${region}\u0000${operation}\u0000${tokenKinds}`;
      let id = rollupKeys.get(key);
      if (id === undefined) {
        const args = [appId, deployment, model, region, operation, tokenKinds];
        id = (findRollupKey.get(...args) as number | undefined) ?? inserted(addRollupKey.get(...args) as number);
        rollupKeys.set(key, id);
      }
      return id;
    },
    hourlyKey(appId, deployment) {
      const key = `${appId}\u0000${deployment}`;
      let id = hourlyKeys.get(key);
      if (id === undefined) {
        id = (findHourlyKey.get(appId, deployment) as number | undefined) ?? inserted(addHourlyKey.get(appId, deployment) as number);
        hourlyKeys.set(key, id);
      }
      return id;
    },
    dimensionValue(value) {
      let id = values.get(value);
      if (id === undefined) {
        id = (findValue.get(value) as number | undefined) ?? inserted(addValue.get(value) as number);
        if (values.size >= MOST_VALUES) values.clear();
        values.set(value, id);
      }
      return id;
    },
  };
}

/** The RollupKey id of a daily rollup row (its columns 1 to 6: app, deployment, model, region, operation, token kinds). */
export const dailyKeyId = (ids: RollupKeyIds, row: readonly (string | number)[]) =>
  ids.rollupKey(row[1] as string, row[2] as string, row[3] as string, row[4] as string, row[5] as string, row[6] as number);
