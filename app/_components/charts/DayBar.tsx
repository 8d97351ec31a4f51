"use client";

/** Where a chart's day opens: `/days/<day>` with the page's filters (`unit=…`). */
export type DayLink = { query: string };

export const dayHref = (day: string, link: DayLink) => `/days/${day}${link.query ? `?${link.query}` : ""}`;

export type BarShape = { x?: number; y?: number; width?: number; height?: number; payload?: { day?: string; x?: string } };

/**
 * A bar (or a stacked segment) that opens its day: an SVG link, so a click, Enter or a screen
 * reader's link list all reach the day view, with or without a pointer. Recharts calls it as a
 * bar's `shape`.
 */
export function renderDayBar(
  { x = 0, y = 0, width = 0, height = 0, payload }: BarShape,
  link: DayLink | undefined,
  colour: string,
  label: (day: string) => string,
) {
  const day = payload?.day ?? payload?.x ?? "";
  const rect = <rect x={x} y={y} width={width} height={Math.max(height, 0)} style={{ fill: colour }} />;
  if (!link || day === "" || height <= 0) return rect;
  return (
    <a href={dayHref(day, link)} aria-label={label(day)} data-day={day}>
      <title>{label(day)}</title>
      {rect}
    </a>
  );
}
