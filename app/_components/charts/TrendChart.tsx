"use client";

import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** How to label the time axis (a server component cannot hand a client one a function). */
const TICKS = { day: (x: string) => x.slice(8, 10), hour: (x: string) => x.slice(8, 10) };

type Props = { title: string; points: { x: string; y: number }[]; kind: "bar" | "line"; unit: "money" | "count"; currency?: string; ticks: keyof typeof TICKS };

/** One series over time: a day's cost, an hour's requests. */
export function TrendChart({ title, points, kind, unit, currency = "USD", ticks }: Props) {
  const tick = TICKS[ticks];
  const format = (v: number) =>
    unit === "money" ? v.toLocaleString("en-US", { style: "currency", currency, maximumFractionDigits: 2 }) : v.toLocaleString("en-US");
  const total = points.reduce((s, p) => s + p.y, 0);
  const peak = points.reduce((m, p) => (p.y > m.y ? p : m), points[0] ?? { x: "", y: 0 });
  return (
    <figure className="chart" role="img" aria-label={`${title}: ${points.length} points, ${format(total)} in all, highest ${format(peak.y)} at ${peak.x}`}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        {kind === "bar" ? (
          <BarChart data={points} margin={{ left: 16, right: 24 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="x" tickFormatter={tick} />
            <YAxis tickFormatter={format} />
            <Tooltip formatter={(v) => format(Number(v))} />
            <Bar dataKey="y" name={title} fill="#0b5cad" isAnimationActive={false} />
          </BarChart>
        ) : (
          <LineChart data={points} margin={{ left: 16, right: 24 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="x" tickFormatter={tick} minTickGap={24} />
            <YAxis tickFormatter={format} />
            <Tooltip formatter={(v) => format(Number(v))} />
            <Line dataKey="y" name={title} stroke="#0b5cad" dot={false} isAnimationActive={false} />
          </LineChart>
        )}
      </ResponsiveContainer>
    </figure>
  );
}
