/**
 * Limits on the tags and end user a chargeback/v1 event may carry (docs/tags-and-outcomes.md).
 * They keep rollups small (one row per tag value and day) and stop a caller from flooding them:
 * what breaks a limit is dropped from the event with a warning, and the event itself still counts.
 */
export const MAX_TAGS = 10;
export const TAG_KEY = /^[a-z0-9_.-]{1,32}$/;
export const MAX_TAG_VALUE = 128;
export const MAX_END_USER = 128;

export type CleanDimensions = { tags?: Record<string, string>; endUser?: string; warnings?: string[] };

/** `warnings` with one more; a function, not a closure per event (it runs for every event). */
function warned(warnings: string[] | undefined, warning: string): string[] {
  const list = warnings ?? [];
  list.push(warning);
  return list;
}

/**
 * Sets on `event` the tags and end user within the limits, and in `warnings` one phrase per drop
 * saying what was wrong; sets nothing that is absent. In place: it runs for every event.
 */
export function addDimensions<T extends CleanDimensions>(event: T, tags: unknown, endUser: unknown): T {
  let warnings: string[] | undefined;
  if (tags !== undefined && tags !== null) {
    if (typeof tags !== "object" || Array.isArray(tags)) warnings = warned(warnings, "tags dropped: not an object of strings");
    else {
      let kept: Record<string, string> | undefined;
      let count = 0;
      for (const rawKey of Object.keys(tags)) {
        const value = (tags as Record<string, unknown>)[rawKey];
        const key = rawKey.trim().toLowerCase();
        if (!TAG_KEY.test(key)) warnings = warned(warnings, `tag dropped: key not 1-32 of [a-z0-9_.-]`);
        else if (typeof value !== "string") warnings = warned(warnings, `tag ${key} dropped: value not a string`);
        else {
          const text = value.trim();
          if (text === "") continue; // an empty header: no tag, nothing wrong
          if (text.length > MAX_TAG_VALUE) warnings = warned(warnings, `tag ${key} dropped: value over ${MAX_TAG_VALUE} characters`);
          else if (count === MAX_TAGS) warnings = warned(warnings, `tag ${key} dropped: over ${MAX_TAGS} tags`);
          else if (kept === undefined || !Object.hasOwn(kept, key)) {
            kept ??= {};
            kept[key] = text;
            count++;
          }
        }
      }
      if (kept !== undefined) event.tags = kept;
    }
  }
  if (endUser !== undefined && endUser !== null) {
    const text = typeof endUser === "string" ? endUser.trim() : null;
    if (text === null) warnings = warned(warnings, "endUser dropped: not a string");
    else if (text.length > MAX_END_USER) warnings = warned(warnings, `endUser dropped: over ${MAX_END_USER} characters`);
    else if (text !== "") event.endUser = text;
  }
  if (warnings !== undefined) event.warnings = warnings;
  return event;
}

/** The dimension names `listDailyDimensionUsage` takes: `tag:<key>` or `endUser`. */
export const END_USER = "endUser";
/**
 * The end-user value that holds, per app-day, the end users past the busiest ones once the day is
 * compacted (lib/retention/rollupCompaction.ts). End users are trimmed: none can start with a space.
 */
export const OTHER_END_USERS = " other";
// Tag keys are few (the limits above) and ingest asks for every tag of every event: each key's
// name is built once. Past this many keys (only from many sources' distinct keys), start over.
const MOST_TAG_KEYS = 10_000;
const tagDimensions = new Map<string, string>();
export function tagDimension(key: string): string {
  let dimension = tagDimensions.get(key);
  if (dimension === undefined) {
    dimension = `tag:${key}`;
    if (tagDimensions.size >= MOST_TAG_KEYS) tagDimensions.clear();
    tagDimensions.set(key, dimension);
  }
  return dimension;
}

/** Each (dimension, value) an event is broken down by. */
export function dimensionsOf(e: { tags?: Record<string, string>; endUser?: string }): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(e.tags ?? {})) out.push([tagDimension(key), value]);
  if (e.endUser !== undefined) out.push([END_USER, e.endUser]);
  return out;
}
