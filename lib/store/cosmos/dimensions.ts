import type { DirectoryEntry } from "../../identity/directoryEntry";
import type { IngestKey } from "../../intake/ingestKey";
import type { Discount } from "../../pricing/discount";
import { markupKey, type Markup } from "../../statements/markup";
import type { Reservation } from "../../pricing/reservation";
import type { SplitRule } from "../../allocation/splitRule";
import type { BusinessUnitOwner } from "../../org/businessUnitOwner";
import type { OrgMapping } from "../../org/orgMapping";
import type { Deployment } from "../../pricing/deployment";
import type { RetailPriceItem } from "../../pricing/retailPrice";
import type { App, AuditContext, DoctorRun, PipelineLag, PriceSyncRun, UpsertSummary } from "../port";
import type { Containers } from "./containers";
import { nextSeq, queryAll, upsertEach } from "./cosmosOps";
import { listKind, listValues, readRef, refDoc, upsertByKey } from "./upsertByKey";

// Lists sort as SQLite's BINARY collation does (code units, not locale).
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const by =
  <T>(...keys: ((row: T) => string)[]) =>
  (a: T, b: T) =>
    keys.reduce((r, k) => r || cmp(k(a), k(b)), 0);

export const retailPriceKey = (i: RetailPriceItem) => [i.meterId, i.armRegionName, i.effectiveStartDate, i.currencyCode, i.type, i.tierMinimumUnits].join("|");

export function saveRetailPrices(c: Containers, items: RetailPriceItem[], importedAt: number, audit?: AuditContext): Promise<UpsertSummary> {
  return upsertByKey(
    c,
    "price",
    items,
    retailPriceKey,
    // A first import adds thousands of prices: one entry says so; a changed price gets its own.
    audit && {
      context: audit,
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
    },
    { importedAt },
  );
}

export const listRetailPrices = (c: Containers) => listValues<RetailPriceItem>(c, "price");

export async function recordPriceSync(c: Containers, run: PriceSyncRun): Promise<void> {
  const seq = nextSeq();
  await upsertEach(c.reference, [refDoc("priceSync", seq, run, { seq })]);
}

/** Newest first. */
export async function listPriceSyncs(c: Containers, limit: number): Promise<PriceSyncRun[]> {
  const top = Math.max(0, Math.floor(limit));
  if (top === 0) return [];
  const docs = await queryAll<{ value: PriceSyncRun }>(
    c.reference,
    `SELECT TOP ${top} * FROM c WHERE c.kind = "priceSync" ORDER BY c.seq DESC`,
    {},
    "priceSync",
  );
  return docs.map((d) => d.value);
}

export async function recordDoctorRun(c: Containers, run: DoctorRun): Promise<void> {
  const seq = nextSeq();
  await upsertEach(c.reference, [refDoc("doctorRun", seq, run, { seq })]);
}

export const recordPipelineLag = (c: Containers, lag: PipelineLag) => upsertEach(c.reference, [refDoc("pipelineLag", lag.consumer, lag)]);

export const listPipelineLag = async (c: Containers) => (await listValues<PipelineLag>(c, "pipelineLag")).sort(by((l) => l.consumer));

/** The latest recorded doctor run, or null when none was recorded. */
export async function getLastDoctorRun(c: Containers): Promise<DoctorRun | null> {
  const [doc] = await queryAll<{ value: DoctorRun }>(c.reference, `SELECT TOP 1 * FROM c WHERE c.kind = "doctorRun" ORDER BY c.seq DESC`, {}, "doctorRun");
  return doc?.value ?? null;
}

export const saveDiscounts = (c: Containers, discounts: Discount[], audit?: AuditContext) =>
  upsertByKey(
    c,
    "discount",
    discounts,
    (d) => `${d.family}|${d.validFrom}`,
    audit && {
      context: audit,
      entries: ({ created, updated }) => [
        ...created.map((d) => [`discount ${d.family}`, null, d] as const),
        ...updated.map((u) => [`discount ${u.after.family}`, u.before, u.after] as const),
      ],
    },
  );

export const listDiscounts = async (c: Containers) =>
  (await listValues<Discount>(c, "discount")).sort(
    by(
      (d) => d.family,
      (d) => d.validFrom,
    ),
  );

export const saveMarkups = (c: Containers, markups: Markup[], audit?: AuditContext) =>
  upsertByKey(
    c,
    "markup",
    markups,
    markupKey,
    audit && {
      context: audit,
      entries: ({ created, updated }) => [
        ...created.map((m) => [`markup ${m.businessUnit}`, null, m] as const),
        ...updated.map((u) => [`markup ${u.after.businessUnit}`, u.before, u.after] as const),
      ],
    },
  );

export const listMarkups = async (c: Containers) =>
  (await listValues<Markup>(c, "markup")).sort(
    by(
      (m) => m.businessUnit,
      (m) => m.kind,
      (m) => m.validFrom,
    ),
  );

export const saveReservations = (c: Containers, reservations: Reservation[], audit?: AuditContext) =>
  upsertByKey(
    c,
    "reservation",
    reservations,
    (r) => `${r.deployment}|${r.validFrom}`,
    audit && {
      context: audit,
      entries: ({ created, updated }) => [
        ...created.map((r) => [`reservation ${r.deployment}`, null, r] as const),
        ...updated.map((u) => [`reservation ${u.after.deployment}`, u.before, u.after] as const),
      ],
    },
  );

export const listReservations = async (c: Containers) =>
  (await listValues<Reservation>(c, "reservation")).sort(
    by(
      (r) => r.deployment,
      (r) => r.validFrom,
    ),
  );

export const saveSplitRules = (c: Containers, rules: SplitRule[], audit?: AuditContext) =>
  upsertByKey(
    c,
    "splitRule",
    rules,
    (r) => r.id,
    audit && {
      context: audit,
      entries: ({ created, updated }) => [
        ...created.map((r) => [`split rule ${r.id}`, null, r] as const),
        ...updated.map((u) => [`split rule ${u.after.id}`, u.before, u.after] as const),
      ],
    },
  );

export const listSplitRules = async (c: Containers) => (await listValues<SplitRule>(c, "splitRule")).sort(by((r) => r.id));

/** Changes whenever prices, deployments or reservations do (count and latest import of prices, the rest whole). */
export async function getPricingVersion(c: Containers): Promise<string> {
  const [prices] = await queryAll<{ n?: number; at?: number }>(
    c.reference,
    `SELECT COUNT(1) AS n, MAX(c.importedAt) AS at FROM c WHERE c.kind = "price"`,
    {},
    "price",
  );
  const [deployments, reservations] = await Promise.all([listDeployments(c), listReservations(c)]);
  const d = deployments.map((x) => `${x.name}|${x.model ?? ""}|${x.region}|${x.sku}`).join(";");
  // Every field of a reservation changes what it charges.
  return `${prices?.n ?? 0}|${prices?.at ?? null}|${d}|${JSON.stringify(reservations)}`;
}

export const saveDeployments = (c: Containers, deployments: Deployment[], audit?: AuditContext) =>
  upsertByKey(
    c,
    "deployment",
    deployments,
    (d) => d.name,
    audit && {
      context: audit,
      entries: ({ created, updated }) => [...created.map((d) => [d.name, null, d] as const), ...updated.map((u) => [u.after.name, u.before, u.after] as const)],
    },
  );

export const listDeployments = async (c: Containers) => (await listValues<Deployment>(c, "deployment")).sort(by((d) => d.name));

export const saveOrgMappings = (c: Containers, mappings: OrgMapping[], audit?: AuditContext) =>
  upsertByKey(
    c,
    "mapping",
    mappings,
    (m) => `${m.appId}|${m.validFrom}`,
    audit && {
      context: audit,
      entries: ({ created, updated }) => [
        ...created.map((m) => [m.appId, null, m] as const),
        ...updated.map((u) => [u.after.appId, u.before, u.after] as const),
      ],
    },
  );

export const listOrgMappings = async (c: Containers) =>
  (await listValues<OrgMapping>(c, "mapping")).sort(
    by(
      (m) => m.appId,
      (m) => m.validFrom,
    ),
  );

export const saveApps = (c: Containers, apps: App[]) =>
  upsertByKey(
    c,
    "app",
    apps.map((a) => ({ appId: a.appId, displayName: a.displayName })),
    (a) => a.appId,
  );

export const listApps = async (c: Containers) => (await listValues<App>(c, "app")).sort(by((a) => a.appId));

/** Replaces the directory entries of these app ids. */
export async function saveDirectoryEntries(c: Containers, entries: DirectoryEntry[]): Promise<void> {
  await upsertEach(
    c.reference,
    entries.map((e) => refDoc("directory", e.appId, e)),
  );
}

export const listDirectoryEntries = async (c: Containers) => (await listValues<DirectoryEntry>(c, "directory")).sort(by((e) => e.appId));

const ownerKey = (o: { businessUnit: string; principalId: string }) => `${o.businessUnit}|${o.principalId}`;

export const saveBusinessUnitOwners = (c: Containers, owners: BusinessUnitOwner[], audit?: AuditContext) =>
  upsertByKey(
    c,
    "owner",
    owners,
    ownerKey,
    audit && {
      context: audit,
      entries: ({ created, updated }) => [
        ...created.map((o) => [o.businessUnit, null, o] as const),
        ...updated.map((u) => [u.after.businessUnit, u.before, u.after] as const),
      ],
    },
  );

/** Returns false when there was no such owner; the audit entry is written just before the delete. */
export async function removeBusinessUnitOwner(
  c: Containers,
  businessUnit: string,
  principalId: string,
  audit?: (c: Containers, changes: (readonly [string, unknown, unknown])[]) => Promise<void>,
): Promise<boolean> {
  const found = await readRef<BusinessUnitOwner>(c, "owner", ownerKey({ businessUnit, principalId }));
  if (!found) return false;
  if (audit) await audit(c, [[businessUnit, found.doc.value, null]]);
  const { statusCode } = await c.reference
    .item(found.doc.id, "owner")
    .delete()
    .catch((e: { code?: number }) => ({ statusCode: e.code }));
  return statusCode !== 404;
}

export const listBusinessUnitOwners = async (c: Containers) =>
  (await listValues<BusinessUnitOwner>(c, "owner")).sort(
    by(
      (o) => o.businessUnit,
      (o) => o.displayName,
    ),
  );

/** A second key with the same id is refused (409), as SQLite's primary key refuses it. */
export async function saveIngestKey(c: Containers, key: IngestKey): Promise<void> {
  const seq = nextSeq();
  await c.reference.items.create(refDoc("ingestKey", key.id, { ...key, revokedAt: null }, { seq }));
}

export async function findIngestKey(c: Containers, id: string): Promise<IngestKey | null> {
  return (await readRef<IngestKey>(c, "ingestKey", id))?.doc.value ?? null;
}

export async function listIngestKeys(c: Containers): Promise<IngestKey[]> {
  const docs = await listKind<IngestKey>(c, "ingestKey");
  return docs.sort((a, b) => a.value.createdAt - b.value.createdAt || cmp(a.seq ?? "", b.seq ?? "")).map((d) => d.value);
}

/** Replaced only if unchanged since read (ETag), so two revocations at once report one success. */
export async function revokeIngestKey(c: Containers, id: string, at: number): Promise<boolean> {
  const found = await readRef<IngestKey>(c, "ingestKey", id);
  if (!found || found.doc.value.revokedAt !== null) return false;
  try {
    await c.reference
      .item(found.doc.id, "ingestKey")
      .replace({ ...found.doc, value: { ...found.doc.value, revokedAt: at } }, { accessCondition: { type: "IfMatch", condition: found.etag } });
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === 412) return false;
    throw error;
  }
}
