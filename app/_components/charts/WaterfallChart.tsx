"use client";

import "./charts.css";
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

type Step = { name: string; value: number; total?: boolean };
type Props = { title: string; steps: Step[]; currency: string };

const RISE = "var(--chart-rise)";
const FALL = "var(--chart-fall)";
const TOTAL = "var(--chart-1)";

/**
 * A waterfall: the first and last bars are totals, each step between rises or falls from where the
 * one before it ended. Drawn as stacked bars over an invisible base; the table beside it holds the exact figures.
 */
export function WaterfallChart({ title, steps, currency }: Props) {
  const money = (v: number) => v.toLocaleString("en-US", { style: "currency", currency, maximumFractionDigits: 2 });
  let level = 0;
  const data = steps.map((s) => {
    if (s.total) {
      level = s.value;
      return { name: s.name, base: Math.min(0, s.value), bar: Math.abs(s.value), value: s.value, color: TOTAL };
    }
    const from = level;
    level += s.value;
    return { name: s.name, base: Math.min(from, level), bar: Math.abs(s.value), value: s.value, color: s.value > 0 ? RISE : FALL };
  });
  return (
    <figure className="chart" role="img" aria-label={`${title}: ${steps.map((s) => `${s.name} ${money(s.value)}`).join(", ")}`}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={Math.max(200, steps.length * 34 + 40)}>
        <BarChart data={data} layout="vertical" margin={{ left: 16, right: 24 }}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" tickFormatter={money} />
          <YAxis type="category" dataKey="name" width={180} />
          <Tooltip formatter={(_v, _n, item) => money(Number(item.payload.value))} />
          <Bar dataKey="base" stackId="w" fill="transparent" isAnimationActive={false} />
          <Bar dataKey="bar" stackId="w" name="Change" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.name} fill={d.color} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
