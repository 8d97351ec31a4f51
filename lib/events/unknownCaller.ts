import type { UsageEvent } from "./usageEvent";

const PREFIX = "caller-unknown:";

/**
 * The app id a call is charged to when its record names no real caller (a gateway's placeholder
 * app id, a diagnostic log whose caller record never came): one per source shape, so the call is
 * counted and waits in the unmapped queue, like any app, until an admin maps it.
 */
export const unknownCallerAppId = (shape: UsageEvent["shape"]) => `${PREFIX}${shape}`;

/** What to call such an app, which no directory names; null for other app ids. */
export const unknownCallerName = (appId: string) => (appId.startsWith(PREFIX) ? `Caller unknown (${appId.slice(PREFIX.length)})` : null);

// The AI Hub Gateway policy writes "NA" when the token has no appid claim; others write nothing or a nil GUID.
const PLACEHOLDER = /^(na|[0-]*)$/i;

/** Whether an app id is only a placeholder for "no caller": "NA", empty, or all zeros. */
export const isPlaceholderAppId = (appId: string) => PLACEHOLDER.test(appId.trim());
