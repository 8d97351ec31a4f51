"use client";

import "./charts.css";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

type Props = { title: string; data: { name: string; cost: number }[]; currency: string };

/** Cost per row as horizontal bars; the table next to it holds the exact figures. */
export function CostBarChart({ title, data, currency }: Props) {
  const money = (v: number) => v.toLocaleString("en-US", { style: "currency", currency, maximumFractionDigits: 0 });
  return (
    <figure className="chart" role="img" aria-label={`${title}: ${data.map((d) => `${d.name} ${money(d.cost)}`).join(", ")}`}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={Math.max(160, data.length * 36 + 40)}>
        <BarChart data={data} layout="vertical" margin={{ left: 16, right: 24 }}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" tickFormatter={money} />
          <YAxis type="category" dataKey="name" width={140} />
          <Tooltip formatter={(v) => money(Number(v))} />
          <Bar dataKey="cost" name="Cost" fill="var(--chart-1)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
