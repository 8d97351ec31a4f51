import { Month } from "../core/months";
import { MAX_TAG_VALUE, TAG_KEY } from "../events/eventTags";
import { MAX_MONTHS, monthsBetween, RANGE_KINDS, type RangeKind } from "./reportRange";

/**
 * The filters of every report page and of the report API, as the address carries them:
 * `unit`, `cc`, `app`, `model` (each may repeat: any of them), `tag=key=value` or `env` (the
 * `environment` tag; one tag at a time), the period (`range=month|quarter|ytd|custom`, `month`,
 * `from`, `to`), a search `q` and a `page`.
 */
export type ReportFilters = {
  units: string[];
  costCenters: string[];
  apps: string[];
  models: string[];
  /** At most one tag key and value; `env` is the tag `environment`. */
  tags: [string, string][];
};

export type ReportQuery = {
  filters: ReportFilters;
  range: RangeKind;
  month: string | undefined;
  custom: { from: string; to: string } | undefined;
  q: string;
  page: number;
};

/** The tag the environment chip filters on (the demo and the gateway policy tag events `environment`). */
export const ENVIRONMENT_TAG = "environment";

export type Params = Record<string, string | string[] | undefined>;
export type ParsedQuery = { ok: true; query: ReportQuery } | { ok: false; message: string };

const MAX_VALUE = 200;
const MAX_VALUES = 20;
const PAGE_LIMIT = 10_000;

const all = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter((s) => s !== "");
const one = (v: string | string[] | undefined): string | undefined => all(v)[0];

/** Reads the filters from the address; a bad value is refused with a sentence saying what to write instead. */
export function parseReportQuery(params: Params): ParsedQuery {
  const lists = { units: all(params.unit), costCenters: all(params.cc), apps: all(params.app), models: all(params.model) };
  for (const [name, values] of Object.entries(lists)) {
    if (values.length > MAX_VALUES) return refuse(`Filter on at most ${MAX_VALUES} ${name} at a time.`);
    if (values.some((v) => v.length > MAX_VALUE)) return refuse(`A ${name.replace(/s$/, "")} filter is longer than ${MAX_VALUE} characters.`);
  }
  const tags: [string, string][] = [];
  for (const raw of all(params.tag)) {
    const at = raw.indexOf("=");
    const key = raw.slice(0, Math.max(at, 0)).trim().toLowerCase();
    const value = raw.slice(at + 1).trim();
    if (at < 1 || !TAG_KEY.test(key) || value === "" || value.length > MAX_TAG_VALUE)
      return refuse(`The tag filter "${raw.slice(0, 60)}" is not key=value (a key of 1-32 of a-z 0-9 _ . -, then a value), e.g. project=alpha.`);
    tags.push([key, value]);
  }
  const env = one(params.env);
  if (env !== undefined) {
    if (env.length > MAX_TAG_VALUE) return refuse(`An environment is at most ${MAX_TAG_VALUE} characters.`);
    tags.push([ENVIRONMENT_TAG, env]);
  }
  // Tag usage is kept per key: the cost of events carrying two tags at once is not known.
  if (tags.length > 1) return refuse("Filter on one tag at a time (a tag or the environment).");

  const rangeText = one(params.range) ?? "month";
  const range = RANGE_KINDS.find((k) => k === rangeText);
  if (!range) return refuse(`The period "${rangeText.slice(0, 30)}" is not one of: month, quarter, ytd (year to date), custom.`);
  const month = one(params.month);
  if (month !== undefined && !Month.safeParse(month).success) return refuse(`"${month.slice(0, 20)}" is not a month; write it as YYYY-MM.`);
  let custom: ReportQuery["custom"];
  if (range === "custom") {
    const from = one(params.from);
    const to = one(params.to);
    if (!from || !to) return refuse("A custom period needs both a first month (from) and a last month (to), as YYYY-MM.");
    for (const m of [from, to]) if (!Month.safeParse(m).success) return refuse(`"${m.slice(0, 20)}" is not a month; write it as YYYY-MM.`);
    if (from > to) return refuse(`The period starts (${from}) after it ends (${to}).`);
    if (monthsBetween(from, to).length > MAX_MONTHS) return refuse(`A period is at most ${MAX_MONTHS} months.`);
    custom = { from, to };
  }
  const pageText = one(params.page) ?? "1";
  const page = /^\d{1,5}$/.test(pageText) ? Number(pageText) : Number.NaN;
  if (!(page >= 1 && page <= PAGE_LIMIT)) return refuse(`Page "${pageText.slice(0, 10)}" is not a page number.`);
  const q = (one(params.q) ?? "").slice(0, MAX_VALUE);
  return { ok: true, query: { filters: { ...lists, tags }, range, month, custom, q, page } };
}

const refuse = (message: string): ParsedQuery => ({ ok: false, message });

export const noFilters = (f: ReportFilters) => f.units.length + f.costCenters.length + f.apps.length + f.models.length + f.tags.length === 0;

/** The filters back as address parameters (in a stable order), for links that keep them. */
export function filterParams(f: ReportFilters): [string, string][] {
  return [
    ...f.units.map((v): [string, string] => ["unit", v]),
    ...f.costCenters.map((v): [string, string] => ["cc", v]),
    ...f.apps.map((v): [string, string] => ["app", v]),
    ...f.models.map((v): [string, string] => ["model", v]),
    ...f.tags.map(([k, v]): [string, string] => (k === ENVIRONMENT_TAG ? ["env", v] : ["tag", `${k}=${v}`])),
  ];
}
