"use client";

import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

type Props = { title: string; days: { day: string; [unit: string]: number | string }[]; units: string[]; currency: string };

// Distinguishable for common colour-vision deficiencies (Okabe-Ito).
const COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

/** Cost per UTC day, stacked by business unit. */
export function DailyTrendChart({ title, days, units, currency }: Props) {
  const money = (v: number) => v.toLocaleString("en-US", { style: "currency", currency, maximumFractionDigits: 0 });
  const total = days.reduce((sum, d) => sum + units.reduce((s, u) => s + Number(d[u] ?? 0), 0), 0);
  return (
    <figure className="chart" role="img" aria-label={`${title}: ${days.length} days, ${money(total)} in all, for ${units.join(", ")}`}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={260}>
        <AreaChart data={days} margin={{ left: 16, right: 24 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(8)} />
          <YAxis tickFormatter={money} />
          <Tooltip formatter={(v) => money(Number(v))} />
          <Legend />
          {units.map((unit, i) => (
            <Area
              key={unit}
              type="monotone"
              dataKey={unit}
              stackId="cost"
              stroke={COLOURS[i % COLOURS.length]}
              fill={COLOURS[i % COLOURS.length]}
              fillOpacity={0.55}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </figure>
  );
}
