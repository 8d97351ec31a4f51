/**
 * The item at `i` of a list whose length the caller has made sure of: a list built in step with
 * another (the parts `splitByWeight` returns, one per weight), or a regular expression's required
 * group. Out of range is a bug, said loudly, never an `undefined` carried on into a sum.
 */
export function itemAt<T>(items: ArrayLike<T>, i: number): T {
  const item = items[i];
  if (item === undefined) throw new RangeError(`item ${i} of a list of ${items.length} does not exist`);
  return item;
}
