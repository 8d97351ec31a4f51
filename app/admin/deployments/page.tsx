import { forbidden } from "next/navigation";
import { may } from "@/lib/auth/access";
import { requireCaller } from "@/app/_server/currentCaller";
import { formatCount } from "@/lib/reports/formatMoney";
import { currentMonth } from "@/lib/core/clock";
import { monthDays } from "@/lib/core/months";
import { getSharedStore } from "@/lib/store";
import { previousMonth } from "@/lib/core/months";

export const dynamic = "force-dynamic";

/** The gateway's deployments as configured, and deployments seen in usage that are not. Finance and admins. */
export default async function DeploymentsPage() {
  const caller = await requireCaller("/admin/deployments");
  if (!may(caller, "catalog:read")) forbidden();
  const store = getSharedStore();
  const month = currentMonth();
  const [deployments, usage] = await Promise.all([store.listDeployments(), store.listDailyUsage(monthDays(previousMonth(month)).from, monthDays(month).to)]);
  const known = new Set(deployments.map((d) => d.name));
  const fallback = known.has("*");
  const unknown = new Map<string, { requests: number; tokens: number; last: string }>();
  for (const u of usage) {
    const name = u.deployment;
    if (known.has(name) || (name === "" && fallback)) continue;
    const seen = unknown.get(name) ?? { requests: 0, tokens: 0, last: "" };
    seen.requests += Number(u.requests);
    seen.tokens += Number(u.totalTokens);
    if (u.day > seen.last) seen.last = u.day;
    unknown.set(name, seen);
  }
  return (
    <>
      <h1>Deployments</h1>
      <p className="sub">
        What each gateway deployment serves: it decides the meter (model version, deployment type, region). Change them with{" "}
        <code>chargeback deployments import</code>.
      </p>
      <table>
        <caption>Configured deployments</caption>
        <thead>
          <tr>
            <th scope="col">Deployment</th>
            <th scope="col">Model version</th>
            <th scope="col">Region</th>
            <th scope="col">SKU</th>
          </tr>
        </thead>
        <tbody>
          {deployments.map((d) => (
            <tr key={d.name} data-testid="deployment-row">
              <th scope="row">{d.name === "*" ? "* (events naming none)" : d.name}</th>
              <td>{d.model ?? "the event's"}</td>
              <td>{d.region || "the event's"}</td>
              <td>{d.sku}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>Deployments seen in usage since {previousMonth(month)}-01 that are not configured (their requests are unpriced)</caption>
        <thead>
          <tr>
            <th scope="col">Deployment</th>
            <th scope="col" className="num">
              Requests
            </th>
            <th scope="col" className="num">
              Tokens
            </th>
            <th scope="col">Last seen</th>
          </tr>
        </thead>
        <tbody>
          {unknown.size === 0 && (
            <tr>
              <td colSpan={4}>None: every deployment in usage is configured.</td>
            </tr>
          )}
          {[...unknown].map(([name, seen]) => (
            <tr key={name} data-testid="unknown-deployment">
              <th scope="row">{name || "(none named)"}</th>
              <td className="num">{formatCount(seen.requests)}</td>
              <td className="num">{formatCount(seen.tokens)}</td>
              <td>{seen.last}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
