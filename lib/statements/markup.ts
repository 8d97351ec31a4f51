import { z } from "zod";
import { CalendarDay, EndDay } from "../core/days";
import { findOverlaps } from "../core/effectiveDated";

/** Every business unit: a percentage applies to each, a fee is shared by their usage cost. */
export const ALL_UNITS_SCOPE = "*";

/**
 * Cost recovery on top of usage, for one business unit or every one ("*"), for whole months from
 * validFrom (inclusive) to validTo (exclusive), both the 1st of a month:
 * - `percent`: `amount` percent of each cost center's usage cost (after discounts);
 * - `fee`: a fixed `amount` in `currency` per month, on the named unit's `costCenter`, or for
 *   "*" shared by the units (and within each by its cost centers) in proportion to usage cost.
 * It is always its own statement line, never folded into the usage it is computed from.
 */
export const Markup = z
  .object({
    businessUnit: z.string().trim().min(1, `is empty (use ${ALL_UNITS_SCOPE} for every business unit)`),
    kind: z.enum(["percent", "fee"], { error: "must be percent (of usage cost) or fee (a fixed amount per month)" }),
    amount: z.string().trim(),
    currency: z.string().trim().toUpperCase().default(""),
    costCenter: z.string().trim().default(""),
    label: z.string().trim().max(80, "must be at most 80 characters").default(""),
    validFrom: CalendarDay,
    validTo: EndDay,
  })
  .superRefine((m, ctx) => {
    const problem = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    for (const [path, day] of [
      ["validFrom", m.validFrom],
      ["validTo", m.validTo],
    ] as const) {
      if (day !== null && !day.endsWith("-01")) problem(path, "markups apply to whole months: give the 1st of a month");
    }
    if (m.validTo !== null && m.validTo <= m.validFrom) problem("validTo", "must be after validFrom");
    if (m.kind === "percent") {
      if (!/^\d{1,3}(\.\d{1,4})?$/.test(m.amount)) problem("amount", "must be a percentage such as 5 or 2.5 (at most 4 decimals)");
      if (m.currency !== "") problem("currency", "is only for fees: a percentage is in the reports' currency");
      if (m.costCenter !== "") problem("costCenter", "is only for a unit's fee: a percentage goes to each cost center on its own usage");
    } else {
      if (!/^\d{1,9}(\.\d{1,2})?$/.test(m.amount)) problem("amount", "must be an amount such as 500 or 1250.50 (at most 2 decimals)");
      if (!/^[A-Z]{3}$/.test(m.currency)) problem("currency", "must be a three-letter ISO code such as USD");
      if (m.businessUnit === ALL_UNITS_SCOPE && m.costCenter !== "") problem("costCenter", "must be empty for a fee of every unit: it is shared by usage cost");
      if (m.businessUnit !== ALL_UNITS_SCOPE && m.costCenter === "")
        problem("costCenter", "is required for a unit's fee: name the cost center that carries it");
    }
  });
export type Markup = z.infer<typeof Markup>;

/** The app ids of markup lines, which no app page describes. */
export const MARKUP_APP_ID = "platform-markup";
export const feeAppId = (businessUnit: string) => `platform-fee:${businessUnit}`;
export const isMarkupLine = (appId: string) => appId === MARKUP_APP_ID || appId.startsWith(feeAppId(""));

export const markupKey = (m: Pick<Markup, "businessUnit" | "kind" | "validFrom">) => `${m.businessUnit}|${m.kind}|${m.validFrom}`;

/** Two markups of one unit and kind in effect in the same month, described; empty when none. */
export const findMarkupOverlaps = (markups: readonly Markup[]) =>
  findOverlaps(
    markups,
    (m) => `${m.businessUnit}|${m.kind}`,
    (a, b) => `${a.businessUnit}: the ${a.kind} from ${a.validFrom} overlaps the one from ${b.validFrom}`,
  );
