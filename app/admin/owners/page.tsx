import { forbidden } from "next/navigation";
import { may } from "@/lib/auth/access";
import { requireCaller } from "@/app/_server/currentCaller";
import { getSharedStore } from "@/lib/store";
import { addOwner, removeOwner } from "./actions";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ done?: string; error?: string }> };

/** Who owns each business unit, and so sees its numbers. Admins only. */
export default async function OwnersPage({ searchParams }: Props) {
  const caller = await requireCaller("/admin/owners");
  if (!may(caller, "owners:write")) forbidden();
  const { done, error } = await searchParams;
  const store = getSharedStore();
  const [owners, mappings] = await Promise.all([store.listBusinessUnitOwners(), store.listOrgMappings()]);
  const units = [...new Set([...mappings.map((m) => m.businessUnit), ...owners.map((o) => o.businessUnit)])].sort();
  return (
    <>
      <h1>Business unit owners</h1>
      <p className="sub">Owners (Entra users, or every member of an Entra group) see their business units&apos; numbers and nothing else.</p>
      {done && <p role="status">{done}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <table>
        <caption>Owners</caption>
        <thead>
          <tr>
            <th scope="col">Business unit</th>
            <th scope="col">Owner</th>
            <th scope="col">Kind</th>
            <th scope="col">Entra object id</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {owners.map((o) => (
            <tr key={`${o.businessUnit}|${o.principalId}`} data-testid="owner-row">
              <td>{o.businessUnit}</td>
              <th scope="row">{o.displayName}</th>
              <td>{o.principalType}</td>
              <td>
                <code>{o.principalId}</code>
              </td>
              <td>
                <form action={removeOwner}>
                  <input type="hidden" name="businessUnit" value={o.businessUnit} />
                  <input type="hidden" name="principalId" value={o.principalId} />
                  <button type="submit" aria-label={`Remove ${o.displayName} from ${o.businessUnit}`}>
                    Remove
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Add an owner</h2>
      <form action={addOwner} className="fields">
        <label>
          Business unit
          <select name="businessUnit" required>
            {units.map((u) => (
              <option key={u}>{u}</option>
            ))}
          </select>
        </label>
        <label>
          Kind
          <select name="principalType">
            <option value="user">user</option>
            <option value="group">group</option>
          </select>
        </label>
        <label>
          Entra object id
          <input name="principalId" required placeholder="00000000-0000-0000-0000-000000000000" />
        </label>
        <label>
          Display name
          <input name="displayName" required />
        </label>
        <button type="submit" className="primary">
          Add owner
        </button>
      </form>
    </>
  );
}
