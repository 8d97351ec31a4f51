import { allocateCents } from "../core/money";
import type { CostedLine, StatementLine } from "./statementLine";
import { itemAt } from "../core/arrays";

/**
 * Cents for every line, allocated once across business units and unmapped apps, then within each
 * unit across its lines: a unit's figure is the same in every view, and every view adds up.
 */
export function allocateLines(lines: readonly StatementLine[]): CostedLine[] {
  const groups = new Map<string, number[]>();
  lines.forEach((line, i) => {
    // Unmapped usage belongs to no unit: each unmapped app is its own group.
    const group = line.businessUnit === "" ? `unmapped|${line.appId}` : `unit|${line.businessUnit}`;
    const members = groups.get(group);
    if (members) members.push(i);
    else groups.set(group, [i]);
  });
  const members = [...groups.values()];
  const allocate = (amount: (l: StatementLine) => bigint) => {
    // Members are indexes of lines, and each list of cents has one per member or group.
    const line = (i: number) => itemAt(lines, i);
    const groupCents = allocateCents(members.map((m) => m.reduce((sum, i) => sum + amount(line(i)), 0n)));
    const cents = new Array<bigint>(lines.length);
    members.forEach((m, g) =>
      allocateCents(
        m.map((i) => amount(line(i))),
        itemAt(groupCents, g),
      ).forEach((c, j) => (cents[itemAt(m, j)] = c)),
    );
    return cents;
  };
  // List and discounted cents each reconcile on their own; their difference is the discount.
  const cents = allocate((l) => l.atto);
  const listCents = allocate((l) => l.listAtto);
  return lines.map((line, i) => ({ ...line, cents: itemAt(cents, i), listCents: itemAt(listCents, i) }));
}
