import { EventDimension } from "./getDimensionReport";

/** What unit and app pages break a month down by unless asked otherwise. */
export const DEFAULT_BREAKDOWN = "tag:project";

/** The `breakdown` query parameter of the unit and app pages: a valid dimension, or why not. */
export function breakdownParam(asked: string | undefined): { by: EventDimension; asked: string; invalid: boolean } {
  const parsed = EventDimension.safeParse(asked ?? DEFAULT_BREAKDOWN);
  return parsed.success ? { by: parsed.data, asked: parsed.data, invalid: false } : { by: DEFAULT_BREAKDOWN, asked: asked ?? "", invalid: true };
}
