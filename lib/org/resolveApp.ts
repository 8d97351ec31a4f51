import { UserError } from "../core/errors";
import type { App } from "../store/port";

/**
 * The app a person typed, by its display name (any case) or its id: refused, in words, when no app
 * has that name or id, or when several share the name (then the id tells them apart).
 */
export function resolveApp(apps: readonly App[], typed: string): App {
  const text = typed.trim();
  if (text === "") throw new UserError("Choose an app: type part of its name and pick it from the list.");
  const byId = apps.find((a) => a.appId.toLowerCase() === text.toLowerCase());
  if (byId) return byId;
  const named = apps.filter((a) => a.displayName.toLowerCase() === text.toLowerCase());
  const [only] = named;
  if (named.length === 1 && only) return only;
  if (named.length > 1)
    throw new UserError(`${named.length} apps are called “${text}” (${named.map((a) => a.appId).join(", ")}): pick one by its id, shown under each name.`);
  throw new UserError(`There is no app called “${text}”. Type part of its name and pick it from the list; an app appears once it has sent usage.`);
}

/** Apps whose name or id contains the text (any case), names starting with it first: what a picker lists. */
export function searchApps(apps: readonly App[], typed: string, limit = 12): App[] {
  const text = typed.trim().toLowerCase();
  if (text === "") return [];
  const hits = apps.filter((a) => a.displayName.toLowerCase().includes(text) || a.appId.toLowerCase().includes(text));
  const starts = (a: App) => (a.displayName.toLowerCase().startsWith(text) ? 0 : 1);
  return hits.sort((a, b) => starts(a) - starts(b) || a.displayName.localeCompare(b.displayName)).slice(0, limit);
}
