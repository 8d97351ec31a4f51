import { forbidden } from "next/navigation";
import { may } from "@/lib/auth/access";
import { requireCaller } from "@/app/_server/currentCaller";
import { getSharedStore } from "@/lib/store";
import { BusinessUnitOwner } from "@/lib/org/businessUnitOwner";
import { removeOwner, restoreOwner } from "./actions";
import { AddOwnerForm } from "./AddOwnerForm";
import { ConfirmButton } from "./ConfirmButton";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ done?: string; undo?: string }> };

/** The owner a removal took away, from the address, to offer Undo; nothing when there is none to restore. */
function removedOwner(undo: string | undefined): BusinessUnitOwner | null {
  if (!undo) return null;
  try {
    const parsed = BusinessUnitOwner.safeParse(JSON.parse(undo));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Who owns each business unit, and so sees its numbers. Admins only. */
export default async function OwnersPage({ searchParams }: Props) {
  const caller = await requireCaller("/admin/owners");
  if (!may(caller, "owners:write")) forbidden();
  const { done, undo } = await searchParams;
  const removed = removedOwner(undo);
  const store = getSharedStore();
  const [owners, mappings] = await Promise.all([store.listBusinessUnitOwners(), store.listOrgMappings()]);
  const units = [...new Set([...mappings.map((m) => m.businessUnit), ...owners.map((o) => o.businessUnit)])].sort();
  return (
    <>
      <h1>Business unit owners</h1>
      <p className="sub">Owners (Entra users, or every member of an Entra group) see their business units&apos; numbers and nothing else.</p>
      {done && (
        <div role="status">
          <p>{done}</p>
          {removed && (
            <form action={restoreOwner}>
              {Object.entries(removed).map(([name, value]) => (
                <input key={name} type="hidden" name={name} value={value} />
              ))}
              <button type="submit">Undo</button>
            </form>
          )}
        </div>
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
                  <ConfirmButton
                    label={`Remove ${o.displayName} from ${o.businessUnit}`}
                    question={`Remove ${o.displayName} from ${o.businessUnit}? They lose access at once.`}
                    confirm={`Yes, remove ${o.displayName}`}
                  />
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Add an owner</h2>
      <AddOwnerForm units={units} />
    </>
  );
}
