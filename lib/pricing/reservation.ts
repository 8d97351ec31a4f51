import { z } from "zod";
import { CalendarDay, EndDay } from "../core/days";
import { findOverlaps } from "../core/effectiveDated";

/**
 * Provisioned throughput bought for one deployment: `units` PTU at `price` per PTU and hour or
 * month, in `currency`, from validFrom (inclusive) to validTo (exclusive), UTC days. Its cost is
 * fixed; the apps that used the deployment carry it in proportion to their tokens in each hour.
 * Hours nobody used it are idle capacity: `share` spreads them over the month's users the same
 * way, `separate` books them to the deployment's own idle line, which admins map to a cost center.
 */
export const Reservation = z
  .object({
    deployment: z.string().trim().min(1, "is empty"),
    units: z.coerce.number().int("must be a whole number of PTU").min(1, "must be at least 1").max(100_000, "must be at most 100000"),
    price: z
      .string()
      .trim()
      .regex(/^\d{1,9}(\.\d{1,6})?$/, "must be a price such as 2 or 260.5 (at most 6 decimals)"),
    per: z.enum(["hour", "month"], { error: "must be hour or month (the price is per PTU and hour, or per PTU and month)" }),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, "must be a three-letter ISO code such as USD"),
    idle: z.enum(["share", "separate"], { error: "must be share (spread over the users) or separate (its own line)" }),
    // Azure's sizing tables say how many input tokens of capacity an output token takes (4 for
    // gpt-4.1, for one): shares follow capacity used, not raw token counts.
    outputWeight: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(100, "must be at most 100").default(1),
    validFrom: CalendarDay,
    validTo: EndDay,
  })
  .refine((r) => r.validTo === null || r.validTo > r.validFrom, { message: "must be after validFrom", path: ["validTo"] });
export type Reservation = z.infer<typeof Reservation>;

const IDLE_PREFIX = "provisioned-idle:";

/** The app id idle capacity of a `separate` reservation is booked to: map it like any app. */
export const idleCapacityAppId = (deployment: string) => `${IDLE_PREFIX}${deployment}`;

/** What to call an idle capacity line, which no directory names; null for other app ids. */
export const idleCapacityName = (appId: string) => (appId.startsWith(IDLE_PREFIX) ? `Idle capacity of ${appId.slice(IDLE_PREFIX.length)}` : null);

/** Two reservations of one deployment in effect on the same day, described; empty when none. */
export const findReservationOverlaps = (reservations: readonly Reservation[]) =>
  findOverlaps(
    reservations,
    (r) => r.deployment,
    (a, b) => `${a.deployment}: the reservation from ${a.validFrom} overlaps the one from ${b.validFrom}`,
  );
