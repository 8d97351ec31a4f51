import type Database from "better-sqlite3";

export type UpsertShape = {
  table: string;
  /** The primary key's columns. */
  key: readonly string[];
  /** Columns a conflicting row adds to the stored one. */
  add: readonly string[];
  /** Columns a conflicting row leaves as stored. */
  keep?: readonly string[];
  /** Columns a conflicting row replaces in the stored one. */
  replace?: readonly string[];
};

// Rows per statement: per-statement overhead, not SQLite's B-tree work, dominates single-row upserts.
const MOST_ROWS = 32;

/**
 * Upserts rows (values in the order key, add, keep, replace) with multi-row statements: full ones of
 * MOST_ROWS, then the rest in halving sizes, so a batch costs few statements whatever its row count.
 */
export function createBulkUpsert(
  db: Database.Database,
  { table, key, add, keep = [], replace = [] }: UpsertShape,
): (rows: readonly (readonly unknown[])[]) => void {
  const columns = [...key, ...add, ...keep, ...replace];
  const row = `(${columns.map(() => "?").join(", ")})`;
  const set = [...add.map((c) => `"${c}" = "${c}" + excluded."${c}"`), ...replace.map((c) => `"${c}" = excluded."${c}"`)].join(", ");
  const statements = new Map<number, { statement: Database.Statement; args: unknown[] }>();
  const statementOf = (rows: number) => {
    let prepared = statements.get(rows);
    if (!prepared) {
      const statement = db.prepare(
        `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${Array.from({ length: rows }, () => row).join(", ")}
         ON CONFLICT (${key.map((c) => `"${c}"`).join(", ")}) DO UPDATE SET ${set}`,
      );
      prepared = { statement, args: new Array<unknown>(rows * columns.length) };
      statements.set(rows, prepared);
    }
    return prepared;
  };
  const byKey = (a: readonly unknown[], b: readonly unknown[]) => {
    for (let c = 0; c < key.length; c++) {
      if (a[c] !== b[c]) return (a[c] as string | number) < (b[c] as string | number) ? -1 : 1;
    }
    return 0;
  };
  return (unsorted) => {
    // In key order: a statement's rows then share leaf pages, which its statement journal copies once.
    const rows = [...unsorted].sort(byKey);
    let at = 0;
    for (let size = MOST_ROWS; size >= 1; size >>= 1) {
      while (rows.length - at >= size) {
        const { statement, args } = statementOf(size);
        for (let r = 0; r < size; r++) {
          const values = rows[at + r] as readonly unknown[];
          if (values.length !== columns.length) throw new RangeError(`${table}: a row of ${values.length} values for ${columns.length} columns`);
          for (let c = 0; c < columns.length; c++) args[r * columns.length + c] = values[c];
        }
        statement.run(...args);
        at += size;
      }
    }
  };
}
