import { EventDimension } from "./getDimensionReport";

/** The `breakdown` query parameter of the unit and app pages: a valid dimension, or why not. */
export function breakdownParam(asked: string | undefined): { by: EventDimension; asked: string; invalid: boolean } {
  const parsed = EventDimension.safeParse(asked ?? "tag:project");
  return parsed.success ? { by: parsed.data, asked: parsed.data, invalid: false } : { by: "tag:project", asked: asked ?? "", invalid: true };
}
