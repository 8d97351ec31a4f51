"use client";

import "./charts.css";
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { renderDayBar, type BarShape, type DayLink } from "./DayBar";
import { seriesColour } from "./palette";

/** How to label the time axis (a server component cannot hand a client one a function). */
const TICKS = { day: (x: string) => x.slice(8, 10), hour: (x: string) => x.slice(8, 10) };

type Props = {
  title: string;
  /** `y: null` is a time with no data: a gap in a line, never a zero or a line joined across it. */
  points: { x: string; y: number | null }[];
  kind: "bar" | "line";
  unit: "money" | "count";
  currency?: string;
  ticks: keyof typeof TICKS;
  /** Bars open their day (`x` is the day). */
  link?: DayLink;
};

/** One series over time: a day's cost, an hour's requests. */
export function TrendChart({ title, points, kind, unit, currency = "USD", ticks, link }: Props) {
  const tick = TICKS[ticks];
  const format = (v: number) =>
    unit === "money" ? v.toLocaleString("en-US", { style: "currency", currency, maximumFractionDigits: 2 }) : v.toLocaleString("en-US");
  const known = points.filter((p): p is { x: string; y: number } => p.y !== null);
  const total = known.reduce((s, p) => s + p.y, 0);
  const peak = known.reduce((m, p) => (p.y > m.y ? p : m), known[0] ?? { x: "", y: 0 });
  const gaps = points.length - known.length;
  const colour = seriesColour(title, 0);
  return (
    <figure
      className="chart"
      role={link ? "group" : "img"}
      aria-label={`${title}: ${known.length} points${gaps > 0 ? ` (${gaps} without data)` : ""}, ${format(total)} in all, highest ${format(peak.y)} at ${peak.x}`}
    >
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        {kind === "bar" ? (
          <BarChart data={points} margin={{ left: 16, right: 24 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="x" tickFormatter={tick} />
            <YAxis tickFormatter={format} />
            <Tooltip formatter={(v) => format(Number(v))} cursor={{ fillOpacity: 0.15 }} />
            <Bar
              dataKey="y"
              name={title}
              fill={colour}
              isAnimationActive={false}
              shape={(bar: BarShape) => renderDayBar(bar, link, colour, (day) => `${day}: open the day`)}
            />
          </BarChart>
        ) : (
          <LineChart data={points} margin={{ left: 16, right: 24 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="x" tickFormatter={tick} minTickGap={24} />
            <YAxis tickFormatter={format} />
            <Tooltip formatter={(v) => format(Number(v))} />
            <Line dataKey="y" name={title} stroke={colour} dot={false} connectNulls={false} isAnimationActive={false} />
          </LineChart>
        )}
      </ResponsiveContainer>
    </figure>
  );
}
