import type { DirectoryEntry } from "../../identity/directoryEntry";
import type { IngestKey } from "../../intake/ingestKey";
import type { Discount } from "../../pricing/discount";
import type { Markup } from "../../statements/markup";
import type { Reservation } from "../../pricing/reservation";
import type { SplitRule } from "../../allocation/splitRule";
import type { BusinessUnitOwner } from "../../org/businessUnitOwner";
import type { OrgMapping } from "../../org/orgMapping";
import type { Deployment } from "../../pricing/deployment";
import type { RetailPriceItem } from "../../pricing/retailPrice";
import type { App, AuditContext, DoctorRun, PipelineLag, PriceSyncRun, UpsertSummary } from "../port";
import type { Containers } from "./containers";
import { nextSeq, queryAll, upsertEach } from "./cosmosOps";
import { bumpCatalogVersion, listKind, listValues, readCatalogVersion, readRef, refDoc, saveAudited } from "./upsertByKey";
import { AUDITED, ownerKey, splitRuleSubject } from "../audited";

// Lists sort as SQLite's BINARY collation does (code units, not locale).
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const by =
  <T>(...keys: ((row: T) => string)[]) =>
  (a: T, b: T) =>
    keys.reduce((r, k) => r || cmp(k(a), k(b)), 0);

export function saveRetailPrices(c: Containers, items: RetailPriceItem[], importedAt: number, audit?: AuditContext): Promise<UpsertSummary> {
  return saveAudited(c, AUDITED.price, items, audit, { importedAt });
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

export const saveDiscounts = (c: Containers, discounts: Discount[], audit?: AuditContext) => saveAudited(c, AUDITED.discount, discounts, audit);

export const listDiscounts = async (c: Containers) =>
  (await listValues<Discount>(c, "discount")).sort(
    by(
      (d) => d.family,
      (d) => d.validFrom,
    ),
  );

export const saveMarkups = (c: Containers, markups: Markup[], audit?: AuditContext) => saveAudited(c, AUDITED.markup, markups, audit);

export const listMarkups = async (c: Containers) =>
  (await listValues<Markup>(c, "markup")).sort(
    by(
      (m) => m.businessUnit,
      (m) => m.kind,
      (m) => m.validFrom,
    ),
  );

export const saveReservations = (c: Containers, reservations: Reservation[], audit?: AuditContext) => saveAudited(c, AUDITED.reservation, reservations, audit);

export const listReservations = async (c: Containers) =>
  (await listValues<Reservation>(c, "reservation")).sort(
    by(
      (r) => r.deployment,
      (r) => r.validFrom,
    ),
  );

export const saveSplitRules = (c: Containers, rules: SplitRule[], audit?: AuditContext) => saveAudited(c, AUDITED.splitRule, rules, audit);

export const removeSplitRule = (c: Containers, id: string, audit?: RecordAudit) => removeRef<SplitRule>(c, "splitRule", id, splitRuleSubject, audit);

export const listSplitRules = async (c: Containers) => (await listValues<SplitRule>(c, "splitRule")).sort(by((r) => r.id));

export const getCatalogVersion = readCatalogVersion;

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

export const saveDeployments = (c: Containers, deployments: Deployment[], audit?: AuditContext) => saveAudited(c, AUDITED.deployment, deployments, audit);

export const listDeployments = async (c: Containers) => (await listValues<Deployment>(c, "deployment")).sort(by((d) => d.name));

export const saveOrgMappings = (c: Containers, mappings: OrgMapping[], audit?: AuditContext) => saveAudited(c, AUDITED.mapping, mappings, audit);

export const listOrgMappings = async (c: Containers) =>
  (await listValues<OrgMapping>(c, "mapping")).sort(
    by(
      (m) => m.appId,
      (m) => m.validFrom,
    ),
  );

export const saveApps = (c: Containers, apps: App[]) =>
  saveAudited(
    c,
    { kind: "app", keyOf: (a: App) => a.appId },
    apps.map((a) => ({ appId: a.appId, displayName: a.displayName })),
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

export const saveBusinessUnitOwners = (c: Containers, owners: BusinessUnitOwner[], audit?: AuditContext) => saveAudited(c, AUDITED.owner, owners, audit);

type RecordAudit = (c: Containers, changes: (readonly [string, unknown, unknown])[]) => Promise<void>;

/** Deletes one reference document by kind and key, the audit entry written just before; returns its value, or null when there was none. */
async function removeRef<T>(c: Containers, kind: string, key: string, subjectOf: (value: T) => string, audit?: RecordAudit): Promise<T | null> {
  const found = await readRef<T>(c, kind, key);
  if (!found) return null;
  if (audit) await audit(c, [[subjectOf(found.doc.value), found.doc.value, null]]);
  const { statusCode } = await c.reference
    .item(found.doc.id, kind)
    .delete()
    .catch((e: { code?: number }) => ({ statusCode: e.code }));
  if (statusCode === 404) return null;
  await bumpCatalogVersion(c);
  return found.doc.value;
}

/** Returns false when there was no such owner. */
export const removeBusinessUnitOwner = async (c: Containers, businessUnit: string, principalId: string, audit?: RecordAudit): Promise<boolean> =>
  (await removeRef<BusinessUnitOwner>(c, "owner", ownerKey({ businessUnit, principalId }), (o) => o.businessUnit, audit)) !== null;

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
