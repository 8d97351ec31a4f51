"use client";

import "./charts.css";
import { Area, Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { BudgetOutlook } from "../../../lib/budgets/getBudgetOutlook";

const num = (v: string | null) => (v === null ? null : Number(v));

/** The month's cost so far (bars), the forecast to its end with its 90 % range (band), the budget (line) and the days flagged unusual (dashed marks). */
export function BudgetChart({ title, outlook, flagged = [] }: { title: string; outlook: BudgetOutlook; flagged?: readonly string[] }) {
  const { currency } = outlook;
  const money = (v: number) => v.toLocaleString("en-US", { style: "currency", currency, maximumFractionDigits: 0 });
  const data = outlook.days.map((d) => ({
    day: d.day,
    actual: num(d.actual),
    forecast: num(d.forecast),
    range: d.low === null || d.high === null ? null : [Number(d.low), Number(d.high)],
  }));
  const said = [
    `${money(Number(outlook.actual))} so far`,
    outlook.forecast && `forecast ${money(Number(outlook.forecast.cost))} (${money(Number(outlook.forecast.low))} to ${money(Number(outlook.forecast.high))})`,
    outlook.budget ? `budget ${money(Number(outlook.budget))}` : "no budget",
    flagged.length > 0 && `anomalies on ${flagged.join(", ")}`,
  ].filter(Boolean);
  return (
    <figure className="chart" role="img" aria-label={`${title}: ${said.join(", ")}`} data-testid="budget-chart">
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart data={data} margin={{ left: 16, right: 24 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(8)} />
          <YAxis tickFormatter={money} />
          <Tooltip formatter={(v) => (Array.isArray(v) ? v.map((x) => money(Number(x))).join(" to ") : money(Number(v)))} />
          <Legend />
          <Bar dataKey="actual" name="Cost so far" fill="var(--chart-1)" isAnimationActive={false} />
          <Area dataKey="range" name="Forecast range (90 %)" stroke="none" fill="var(--chart-6)" fillOpacity={0.3} isAnimationActive={false} />
          <Line dataKey="forecast" name="Forecast" stroke="var(--chart-2)" strokeDasharray="5 3" dot={false} isAnimationActive={false} />
          {flagged.map((day) => (
            <ReferenceLine key={day} x={day} stroke="var(--chart-4)" strokeDasharray="2 2" label={{ value: "!", position: "top", fill: "var(--chart-4)" }} />
          ))}
          {outlook.budget && (
            <ReferenceLine y={Number(outlook.budget)} stroke="var(--chart-focus)" strokeWidth={2} label={{ value: "Budget", position: "insideTopLeft" }} />
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
