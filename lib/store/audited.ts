import type { SplitRule } from "../allocation/splitRule";
import type { BusinessUnitOwner } from "../org/businessUnitOwner";
import type { OrgMapping } from "../org/orgMapping";
import type { Deployment } from "../pricing/deployment";
import type { Discount } from "../pricing/discount";
import type { Reservation } from "../pricing/reservation";
import type { RetailPriceItem } from "../pricing/retailPrice";
import { markupKey, type Markup } from "../statements/markup";
import type { Budget } from "../budgets/budget";
import type { AnomalyDecision } from "../budgets/anomalyDecision";

/**
 * An entity saved by key with its changes audited: how a row is keyed (Cosmos's document kind
 * and key, SQLite's unique key) and what its audit entries name it. One descriptor per entity,
 * so the two adapters key and audit it alike.
 */
export type Audited<T> = { kind: string; keyOf: (row: T) => string; entries: (changes: Changes<T>) => AuditChange[] };

/** An entity whose audit entries are one per row added or changed, named by `subjectOf`. */
const audited = <T>(kind: string, keyOf: (row: T) => string, subjectOf: (row: T) => string): Audited<T> => ({
  kind,
  keyOf,
  entries: ({ created, updated }) => [
    ...created.map((row) => [subjectOf(row), null, row] as const),
    ...updated.map((u) => [subjectOf(u.after), u.before, u.after] as const),
  ],
});

const priceKey = (i: RetailPriceItem) => [i.meterId, i.armRegionName, i.effectiveStartDate, i.currencyCode, i.type, i.tierMinimumUnits].join("|");

/** What a split rule's audit entries are about, for its upserts and its removal alike. */
export const splitRuleSubject = (r: SplitRule) => `split rule ${r.id}`;

/** An owner is one principal of one unit. */
export const ownerKey = (o: Pick<BusinessUnitOwner, "businessUnit" | "principalId">) => `${o.businessUnit}|${o.principalId}`;

export const AUDITED = {
  price: {
    kind: "price",
    keyOf: priceKey,
    // A first import adds thousands of prices: one entry says so; a changed price gets its own.
    entries: ({ created, updated }) => [
      ...(created.length > 0
        ? [
            [
              `${created.length} prices`,
              null,
              { added: created.length, effective: [...new Set(created.map((p) => p.effectiveStartDate.slice(0, 10)))].sort() },
            ] as const,
          ]
        : []),
      ...updated.map((u) => [`${u.after.meterName} (${u.after.armRegionName})`, u.before, u.after] as const),
    ],
  } satisfies Audited<RetailPriceItem>,
  deployment: audited<Deployment>(
    "deployment",
    (d) => d.name,
    (d) => d.name,
  ),
  discount: audited<Discount>(
    "discount",
    (d) => `${d.family}|${d.validFrom}`,
    (d) => `discount ${d.family}`,
  ),
  markup: audited<Markup>("markup", markupKey, (m) => `markup ${m.businessUnit}`),
  reservation: audited<Reservation>(
    "reservation",
    (r) => `${r.deployment}|${r.validFrom}`,
    (r) => `reservation ${r.deployment}`,
  ),
  splitRule: audited<SplitRule>("splitRule", (r) => r.id, splitRuleSubject),
  mapping: audited<OrgMapping>(
    "mapping",
    (m) => `${m.appId}|${m.validFrom}`,
    (m) => m.appId,
  ),
  owner: audited<BusinessUnitOwner>("owner", ownerKey, (o) => o.businessUnit),
  budget: audited<Budget>(
    "budget",
    (b) => `${b.scope}|${b.validFrom}`,
    (b) => `budget ${b.scope}`,
  ),
  anomalyDecision: audited<AnomalyDecision>(
    "anomalyDecision",
    (d) => d.anomaly,
    (d) => `anomaly ${d.anomaly}`,
  ),
};

/** What an upsert changes: rows new by key, and rows whose content differs from the stored one. */
export type Changes<T> = { created: T[]; updated: { before: T; after: T }[]; unchanged: number };
/** One audit entry: [subject, before, after]. */
export type AuditChange = readonly [string, unknown, unknown];

/** Compares incoming rows with the stored ones by key (the last of a key wins); `same` says whether two rows are equal. */
export function planUpsert<T>(existing: readonly T[], incoming: readonly T[], keyOf: (row: T) => string, same: (stored: T, row: T) => boolean): Changes<T> {
  const before = new Map(existing.map((row) => [keyOf(row), row]));
  const changes: Changes<T> = { created: [], updated: [], unchanged: 0 };
  for (const row of new Map(incoming.map((r) => [keyOf(r), r])).values()) {
    const old = before.get(keyOf(row));
    if (old === undefined) changes.created.push(row);
    else if (same(old, row)) changes.unchanged++;
    else changes.updated.push({ before: old, after: row });
  }
  return changes;
}
