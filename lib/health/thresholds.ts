/**
 * When each part of the pipeline turns amber, then red: ages in milliseconds since the last time
 * it was seen working. Each threshold says why it is where it is; docs/health.md lists them for
 * operators. The stale-data banner on report pages uses `events.red`.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const THRESHOLDS = {
  /** The last event received from a source: the demo and a gateway send every few seconds, so a quiet quarter of an hour is worth a look. */
  events: { amber: 15 * MINUTE, red: HOUR },
  /** The Event Hubs worker records its lag every minute: that record is its heartbeat. */
  heartbeat: { amber: 3 * MINUTE, red: 10 * MINUTE },
  /** Events enqueued and not yet checkpointed, summed over a consumer's partitions. */
  lag: { amber: 1_000, red: 100_000 },
  /** Prices are synced daily (worker --sync-prices-hours 24): a missed day is amber, three are red. */
  prices: { amber: 26 * HOUR, red: 3 * DAY },
  /** App names are looked up again after a day (lib/identity/syncDirectory.ts); a week old is red. */
  graph: { amber: 2 * DAY, red: 7 * DAY },
  /** The security check is run by hand or on a schedule: older than a week, it may no longer describe the resources. */
  doctor: { amber: 7 * DAY, red: 30 * DAY },
} as const;

/** How long events per minute are averaged over. */
export const RATE_WINDOW_MS = 15 * MINUTE;
/** Sources that sent nothing for this long drop off the page. */
export const ACTIVITY_WINDOW_MS = DAY;

export type Status = "green" | "amber" | "red";
export const STATUS_WORD: Record<Status, string> = { green: "OK", amber: "Warning", red: "Problem" };

/** green below `amber`, amber below `red`, red from there on. */
export const statusOf = (value: number, limits: { amber: number; red: number }): Status =>
  value >= limits.red ? "red" : value >= limits.amber ? "amber" : "green";

/** The worse of two statuses. */
export const worst = (...statuses: Status[]): Status => (statuses.includes("red") ? "red" : statuses.includes("amber") ? "amber" : "green");
