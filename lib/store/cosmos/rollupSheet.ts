import type { Container } from "@azure/cosmos";
import { TOKEN_DETAILS } from "../../pricing/billedTokens";
import { HOURLY_SUMS, USAGE_SUMS } from "../rollupFields";
import { type DailyDoc, type DimensionDoc, type HourlyDoc, type OutcomeDoc, type RollupRows, dailyId } from "./usageDocs";

/**
 * One app-day's rollups in one document of its `appId|day` partition: every daily, hourly,
 * per-tag/end-user and per-outcome row of that app and day, with the sequence number of the last
 * batch applied (`seq`) and, while a batch is being written, its journal (`pending`: the claims it
 * is creating, labelled `<pk>#<seq>`). A single document is replaced atomically with `IfMatch`, on a
 * real account and on the test server alike, so a batch's increments land exactly once, all together.
 */
export type SheetDoc = PackedRows & {
  id: typeof SHEET_ID;
  pk: string;
  kind: "sheet";
  day: string;
  appId: string;
  seq: number;
  pending?: Pending;
  /** When the pending batch took its lease (indexed: healing finds abandoned ones by it). */
  pendingAt?: number;
  /** The day, on sheets with usage rows (indexed: the first and last days with usage). */
  usageDay?: string;
  /** Set when its hourly rows were folded into day rows (hourlyCompaction.ts); a batch adding hours clears it. */
  compacted?: true;
};
export type Pending = { seq: number; at: number; claims: string[] };

export const SHEET_ID = "sheet";

/**
 * Per-tag/end-user and hourly rows are the many rows of a sheet, and a replace costs RU by size: they
 * are kept as arrays, a dimension row naming its daily row by key instead of repeating its key
 * fields, and token details only where not zero. `unpack` gives the rows back whole.
 */
type PackedDimension = [daily: string, dimension: string, value: string, sums: number[], details?: Partial<Record<string, number>>];
type PackedHourly = [hour: string, deployment: string, sums: number[], buckets: number[]];
export type PackedRows = {
  daily: Record<string, DailyDoc>;
  outcomes: Record<string, OutcomeDoc>;
  dimensions: Record<string, PackedDimension>;
  hourly: Record<string, PackedHourly>;
};

function packDimension(d: DimensionDoc): PackedDimension {
  const details = Object.fromEntries(TOKEN_DETAILS.filter((k) => (d[k] ?? 0) !== 0).map((k) => [k, d[k]]));
  const sums = USAGE_SUMS.map((f) => d[f]);
  return Object.keys(details).length > 0 ? [dailyId(d), d.dimension, d.value, sums, details] : [dailyId(d), d.dimension, d.value, sums];
}

const packHourly = (h: HourlyDoc): PackedHourly => [h.hour, h.deployment, HOURLY_SUMS.map((f) => h[f]), h.buckets];

/** A sheet's rows, whole, from what a query projected of it (`appId`, `day` and the kinds asked for). */
export function unpack(sheet: Partial<PackedRows> & { appId: string; day: string }): RollupRows {
  const dimensions: Record<string, DimensionDoc> = {};
  for (const [key, [daily, dimension, value, sums, details]] of Object.entries(sheet.dimensions ?? {})) {
    const { day, appId, deployment, model, region, operation, tokenKinds } = sheet.daily![daily]!;
    const row = { kind: "dimension", day, appId, deployment, model, region, operation, tokenKinds, dimension, value } as DimensionDoc;
    for (const k of TOKEN_DETAILS) row[k] = details?.[k] ?? 0;
    USAGE_SUMS.forEach((f, i) => (row[f] = sums[i] ?? 0));
    dimensions[key] = row;
  }
  const hourly: Record<string, HourlyDoc> = {};
  for (const [key, [hour, deployment, sums, buckets]] of Object.entries(sheet.hourly ?? {})) {
    const row = { kind: "hourly", day: sheet.day, hour, appId: sheet.appId, deployment, buckets } as HourlyDoc;
    HOURLY_SUMS.forEach((f, i) => (row[f] = sums[i] ?? 0));
    hourly[key] = row;
  }
  return { daily: sheet.daily ?? {}, outcomes: sheet.outcomes ?? {}, dimensions, hourly };
}

function pack(rows: RollupRows): PackedRows {
  const map = <A, B>(o: Record<string, A>, f: (a: A) => B) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
  return { daily: rows.daily, outcomes: rows.outcomes, dimensions: map(rows.dimensions, packDimension), hourly: map(rows.hourly, packHourly) };
}

/** The label of a batch's claims: which partition's journal created them, and which batch of it. */
export const journalOf = (pk: string, seq: number) => `${pk}#${seq}`;

export function emptySheet(pk: string): SheetDoc {
  const cut = pk.lastIndexOf("|");
  return { id: SHEET_ID, pk, kind: "sheet", appId: pk.slice(0, cut), day: pk.slice(cut + 1), seq: 0, daily: {}, hourly: {}, dimensions: {}, outcomes: {} };
}

const SUMMED = [...new Set([...USAGE_SUMS, ...HOURLY_SUMS]), "usageUnknown", ...TOKEN_DETAILS];

function addRows<R extends object>(into: Record<string, R>, add: Record<string, R>): Record<string, R> {
  const out = { ...into };
  for (const [key, row] of Object.entries(add)) {
    const had = out[key] as Record<string, unknown> | undefined;
    if (!had) {
      out[key] = row;
      continue;
    }
    const sum: Record<string, unknown> = { ...had };
    const r = row as Record<string, unknown>;
    for (const f of SUMMED) if (typeof r[f] === "number") sum[f] = ((had[f] as number | undefined) ?? 0) + (r[f] as number);
    if (Array.isArray(r.buckets)) sum.buckets = (r.buckets as number[]).map((n, i) => n + ((had.buckets as number[] | undefined)?.[i] ?? 0));
    out[key] = sum as R;
  }
  return out;
}

/** The sheet with a batch's rows added, its sequence number recorded and its journal closed. */
export function commitRows(sheet: SheetDoc, rows: RollupRows, seq: number): SheetDoc {
  const { pending: _pending, pendingAt: _pendingAt, compacted, ...rest } = sheet;
  const had = unpack(sheet);
  // A late event's hours or end users make the sheet one to compact again.
  const stillCompacted = compacted && Object.keys(rows.hourly).length === 0 && Object.keys(rows.dimensions).length === 0 ? { compacted } : {};
  const sum: RollupRows = {
    daily: addRows(had.daily, rows.daily),
    hourly: addRows(had.hourly, rows.hourly),
    dimensions: addRows(had.dimensions, rows.dimensions),
    outcomes: addRows(had.outcomes, rows.outcomes),
  };
  return { ...rest, ...stillCompacted, seq, ...pack(sum), ...(Object.keys(sum.daily).length > 0 ? { usageDay: sheet.day } : {}) };
}

/** The sheet with its hourly and dimension rows replaced by these, marked compacted. */
export function withCompactedRows(sheet: SheetDoc, rows: Pick<RollupRows, "hourly" | "dimensions">): SheetDoc {
  const packed = pack({ daily: {}, outcomes: {}, ...rows });
  return { ...sheet, hourly: packed.hourly, dimensions: packed.dimensions, compacted: true };
}

const codeOf = (error: unknown) => (error as { code?: unknown }).code;

export async function readSheet(usage: Container, pk: string): Promise<{ sheet: SheetDoc | null; etag: string | null }> {
  const { resource, etag } = await usage.item(SHEET_ID, pk).read<SheetDoc>();
  return resource ? { sheet: resource, etag: etag ?? null } : { sheet: null, etag: null };
}

/**
 * Writes the sheet if nobody changed it since `etag` was read (none: it must not exist yet); the
 * new ETag, or null when another writer got there first (412 or 409).
 */
export async function writeSheet(usage: Container, sheet: SheetDoc, etag: string | null): Promise<string | null> {
  try {
    const response = etag
      ? await usage.item(SHEET_ID, sheet.pk).replace(sheet, { accessCondition: { type: "IfMatch", condition: etag } })
      : await usage.items.create(sheet, { disableAutomaticIdGeneration: true });
    return response.etag ?? null;
  } catch (error) {
    if (codeOf(error) === 412 || codeOf(error) === 409) return null;
    throw error;
  }
}
