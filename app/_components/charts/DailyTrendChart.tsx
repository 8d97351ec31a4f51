"use client";

import "./charts.css";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { renderDayBar, type BarShape, type DayLink } from "./DayBar";
import { seriesColour, UNMAPPED } from "./palette";

type Props = {
  title: string;
  days: { day: string; [unit: string]: number | string }[];
  units: string[];
  currency: string;
  /** Each segment opens its day, narrowed to its unit (`unitParam` names it in the address) unless it is Unmapped. */
  link?: DayLink & { unitParam?: boolean };
};

/** Cost per UTC day, stacked by business unit, as bars (a day is a day: no smoothing between them); each segment opens its day. */
export function DailyTrendChart({ title, days, units, currency, link }: Props) {
  const money = (v: number) => v.toLocaleString("en-US", { style: "currency", currency, maximumFractionDigits: 0 });
  const total = days.reduce((sum, d) => sum + units.reduce((s, u) => s + Number(d[u] ?? 0), 0), 0);
  const segmentLink = (unit: string): DayLink | undefined =>
    link && { query: [link.query, link.unitParam && unit !== UNMAPPED ? `unit=${encodeURIComponent(unit)}` : ""].filter(Boolean).join("&") };
  return (
    <figure className="chart" aria-label={`${title}: ${days.length} days, ${money(total)} in all, for ${units.join(", ")}`}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={days} margin={{ left: 16, right: 24 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(8)} />
          <YAxis tickFormatter={money} />
          <Tooltip formatter={(v) => money(Number(v))} cursor={{ fillOpacity: 0.15 }} />
          {units.map((unit, i) => (
            <Bar
              key={unit}
              dataKey={unit}
              stackId="cost"
              fill={seriesColour(unit, i)}
              isAnimationActive={false}
              shape={(bar: BarShape) => renderDayBar(bar, segmentLink(unit), seriesColour(unit, i), (day) => `${unit} on ${day}: open the day`)}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <ul className="chart-legend">
        {units.map((unit, i) => (
          <li key={unit}>
            <span className="swatch" style={{ "--swatch": seriesColour(unit, i) } as React.CSSProperties} aria-hidden="true" />
            {unit}
          </li>
        ))}
      </ul>
    </figure>
  );
}
