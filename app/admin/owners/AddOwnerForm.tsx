"use client";

import { SubmitButton } from "@/app/_components/SubmitButton";
import type { ChangeState } from "@/app/admin/mappings/changeState";
import { Problems } from "@/app/admin/mappings/Problems";
import { useKeptForm } from "@/app/admin/mappings/useKeptForm";
import { addOwner } from "./actions";

/** A new owner of a unit: a refusal keeps what was typed. */
export function AddOwnerForm({ units }: { units: readonly string[] }) {
  const [state, submit, pending] = useKeptForm<ChangeState>(addOwner, {});
  const v = state.values ?? {};
  return (
    <>
      <form onSubmit={submit} className="fields">
        <label>
          Business unit
          <select name="businessUnit" required defaultValue={v.businessUnit ?? ""}>
            <option value="" disabled>
              Choose…
            </option>
            {units.map((u) => (
              <option key={u}>{u}</option>
            ))}
          </select>
        </label>
        <label>
          Kind
          <select name="principalType" defaultValue={v.principalType ?? "user"}>
            <option value="user">user</option>
            <option value="group">group</option>
          </select>
        </label>
        <label>
          Entra object id
          <input name="principalId" required placeholder="00000000-0000-0000-0000-000000000000" defaultValue={v.principalId} />
        </label>
        <label>
          Display name
          <input name="displayName" required defaultValue={v.displayName} />
        </label>
        <SubmitButton pending={pending} primary label="Add owner" pendingLabel="Adding…" />
      </form>
      <Problems problems={state.problems} intro="The owner was not added:" />
    </>
  );
}
