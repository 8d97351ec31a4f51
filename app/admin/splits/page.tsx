import { forbidden } from "next/navigation";
import { may } from "@/lib/auth/access";
import { requireCaller } from "@/app/_server/currentCaller";
import { currentMonth } from "@/lib/core/clock";
import { getSharedStore } from "@/lib/store";
import { ConfirmButton } from "@/app/admin/owners/ConfirmButton";
import { removeSplit, restoreSplit } from "./actions";
import { splitRuleOf } from "./splitRuleOf";
import { SplitRuleForm } from "./SplitRuleForm";

export const dynamic = "force-dynamic";

const describeParts = (parts: { costCenter: string; businessUnit: string; percent: string | null; tagValue: string | null }[]) =>
  parts.map((p) => `${p.costCenter} (${p.businessUnit})${p.percent ? ` ${p.percent}%` : ""}${p.tagValue ? ` = ${p.tagValue}` : ""}`).join(", ");

/** Split rules: an app, deployment or overhead divided among cost centers. Admins only. */
type Props = { searchParams: Promise<{ done?: string; undo?: string }> };

export default async function SplitsPage({ searchParams }: Props) {
  const caller = await requireCaller("/admin/splits");
  if (!may(caller, "splits:write")) forbidden();
  const { done, undo } = await searchParams;
  const removed = splitRuleOf(undo);
  const store = getSharedStore();
  const [rules, mappings, apps, deployments] = await Promise.all([store.listSplitRules(), store.listOrgMappings(), store.listApps(), store.listDeployments()]);
  const costCenters = [...new Map(mappings.map((m) => [`${m.costCenter}|${m.businessUnit}`, m])).values()]
    .sort((a, b) => a.businessUnit.localeCompare(b.businessUnit) || a.costCenter.localeCompare(b.costCenter))
    .map((m) => ({ value: `${m.costCenter}|${m.businessUnit}`, label: `${m.costCenter} · ${m.businessUnit}` }));
  const names = new Map(apps.map((a) => [a.appId, a.displayName]));
  return (
    <>
      <h1>Split rules</h1>
      <p className="sub">
        A rule takes precedence over an app&apos;s mapping on the days it covers (UTC); other days follow the mapping. Parts are exact to 10^-18 and rounded to
        the cent once, by largest remainder, so they add up to the whole. Also <code>chargeback splits import | export | list</code>.
      </p>
      {done && (
        <div role="status">
          <p>{done}</p>
          {removed && (
            <form action={restoreSplit}>
              <input type="hidden" name="rule" value={JSON.stringify(removed)} />
              <button type="submit">Undo</button>
            </form>
          )}
        </div>
      )}
      <table>
        <caption>Rules</caption>
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Splits</th>
            <th scope="col">Method</th>
            <th scope="col">Cost centers</th>
            <th scope="col">From</th>
            <th scope="col">Until</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rules.length === 0 && (
            <tr>
              <td colSpan={7}>No split rules: every app follows its mapping.</td>
            </tr>
          )}
          {rules.map((r) => (
            <tr key={r.id} data-testid="split-rule">
              <th scope="row">{r.id}</th>
              <td>
                {r.appId !== null
                  ? `app ${names.get(r.appId) ?? r.appId}`
                  : r.deployment !== null
                    ? `deployment ${r.deployment}`
                    : `overhead ${r.amount} per month`}
              </td>
              <td>
                {r.method}
                {r.basis ? ` by ${r.basis}` : ""}
              </td>
              <td>{describeParts(r.parts)}</td>
              <td>{r.validFrom}</td>
              <td>{r.validTo ?? "open"}</td>
              <td>
                <form action={removeSplit}>
                  <input type="hidden" name="id" value={r.id} />
                  <ConfirmButton
                    label={`Remove split rule ${r.id}`}
                    question={`Remove split rule ${r.id}? Its days follow the mapping again.`}
                    confirm={`Yes, remove ${r.id}`}
                  />
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <SplitRuleForm
        costCenters={costCenters}
        deployments={deployments.map((d) => d.name).filter((n) => n !== "*")}
        month={currentMonth()}
        today={`${currentMonth()}-01`}
      />
    </>
  );
}
