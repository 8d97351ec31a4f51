import { forbidden } from "next/navigation";
import { may } from "@/lib/auth/access";
import { requireCaller } from "@/app/_server/currentCaller";
import { getSharedStore } from "@/lib/store";
import { listAuditTrail } from "@/lib/statements/auditTrail";

export const dynamic = "force-dynamic";

const SHOWN = 500;
const show = (value: unknown) => (value === null ? "—" : JSON.stringify(value));

type Props = { searchParams: Promise<{ q?: string | string[] }> };

/**
 * The append-only record of admin changes: who, when, what, before, after, why. `q` keeps the
 * entries whose subject or action contains it (a correction links to the change that caused it).
 */
export default async function AuditPage({ searchParams }: Props) {
  const { q: asked } = await searchParams;
  const q = typeof asked === "string" ? asked.trim().slice(0, 200) : "";
  const caller = await requireCaller(q ? `/admin/audit?q=${encodeURIComponent(q)}` : "/admin/audit");
  if (!may(caller, "audit:read")) forbidden();
  const all = await listAuditTrail(getSharedStore(), SHOWN);
  const needle = q.toLowerCase();
  const entries = needle ? all.filter((e) => e.subject.toLowerCase().includes(needle) || e.action.toLowerCase().includes(needle)) : all;
  return (
    <>
      <h1>Audit log</h1>
      <p className="sub">
        Every change to mappings, owners, deployments and prices, and every month closed or reopened (from the web or the CLI), newest first (the latest {SHOWN}
        ). Entries are only ever added.
      </p>
      {q && (
        <p className="note">
          Showing the changes to “{q}” only. <a href="/admin/audit">Show every change</a>
        </p>
      )}
      <table>
        <caption>Changes</caption>
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Subject</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {entries.length === 0 && (
            <tr>
              <td colSpan={7}>No changes yet.</td>
            </tr>
          )}
          {entries.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id, only ever grow, and this list is rendered once on the server
            <tr key={i} data-testid="audit-row">
              <td>{new Date(e.at).toISOString().replace("T", " ").slice(0, 19)}</td>
              <td>{e.actor}</td>
              <td>{e.action}</td>
              <th scope="row">{e.subject}</th>
              <td>
                <code className="json">{show(e.before)}</code>
              </td>
              <td>
                <code className="json">{show(e.after)}</code>
              </td>
              <td>{e.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
