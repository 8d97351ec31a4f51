type Tuple<T, N extends number, R extends T[] = []> = R["length"] extends N ? R : Tuple<T, N, [...R, T]>;

/** The first `n` items of a list a test expects to have at least that many: fails the test if it has fewer. */
export function leading<T, N extends number>(items: readonly T[], n: N): Tuple<T, N> {
  if (items.length < n) throw new Error(`expected at least ${n} items, got ${items.length}`);
  return items.slice(0, n) as Tuple<T, N>;
}

/** The value of `key` in a table a test expects to hold it: fails the test if it does not. */
export function entryOf<V>(table: Readonly<Record<string, V>>, key: string): V {
  const value = table[key];
  if (value === undefined) throw new Error(`expected an entry for ${key}`);
  return value;
}
