"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { addBusinessUnitOwner, removeBusinessUnitOwner } from "@/lib/auth/ownerChanges";
import { plainIssues } from "@/lib/core/plainIssues";
import { BusinessUnitOwner } from "@/lib/org/businessUnitOwner";
import { getSharedStore } from "@/lib/store";
import { actorOf, requireAllowed } from "@/app/_actions/requireRole";
import { typedValues, type ChangeState } from "@/app/admin/mappings/changeState";

const PAGE = "/admin/owners";
const requireAdmin = () => requireAllowed("owners:write", PAGE);
const LABELS = { businessUnit: "The business unit", principalType: "The kind", principalId: "The Entra object id", displayName: "The display name" };

/** Where the page goes after a change: what was done and, for a removal, the owner to restore with Undo. */
const back = (done: string, undo?: BusinessUnitOwner): never =>
  redirect(`${PAGE}?${new URLSearchParams({ done, ...(undo ? { undo: JSON.stringify(undo) } : {}) })}`);

/** Adds an owner of a business unit that exists; a refusal keeps what was typed and says why in words. */
export async function addOwner(_previous: ChangeState, form: FormData): Promise<ChangeState> {
  const caller = await requireAdmin();
  const parsed = BusinessUnitOwner.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { values: typedValues(form), problems: plainIssues(parsed.error, LABELS) };
  const store = getSharedStore();
  const [mappings, owners] = await Promise.all([store.listOrgMappings(), store.listBusinessUnitOwners()]);
  const units = new Set([...mappings.map((m) => m.businessUnit), ...owners.map((o) => o.businessUnit)]);
  if (!units.has(parsed.data.businessUnit))
    return { values: typedValues(form), problems: [`There is no business unit called ${parsed.data.businessUnit}: choose one from the list.`] };
  await addBusinessUnitOwner(store, parsed.data, { actor: actorOf(caller), action: "owners.add", reason: "" });
  return back(`${parsed.data.displayName} now owns ${parsed.data.businessUnit}.`);
}

const Removal = z.object({ businessUnit: z.string().min(1), principalId: z.string().min(1) });

/** Removes an owner (after the page asked to confirm), offering Undo with what was removed. */
export async function removeOwner(form: FormData): Promise<void> {
  const caller = await requireAdmin();
  const parsed = Removal.safeParse(Object.fromEntries(form));
  if (!parsed.success) return back("Say which owner of which business unit to remove.");
  const store = getSharedStore();
  const owner = (await store.listBusinessUnitOwners()).find((o) => o.businessUnit === parsed.data.businessUnit && o.principalId === parsed.data.principalId);
  if (!owner) return back("That owner was already gone.");
  await removeBusinessUnitOwner(store, owner.businessUnit, owner.principalId, { actor: actorOf(caller), action: "owners.remove", reason: "" });
  return back(`Removed ${owner.displayName} as an owner of ${owner.businessUnit}.`, owner);
}

/** Undo of a removal: the owner comes back as they were, audited as a restore. */
export async function restoreOwner(form: FormData): Promise<void> {
  const caller = await requireAdmin();
  const parsed = BusinessUnitOwner.safeParse(Object.fromEntries(form));
  if (!parsed.success) return back("There is nothing to undo.");
  await addBusinessUnitOwner(getSharedStore(), parsed.data, { actor: actorOf(caller), action: "owners.restore", reason: "undo of a removal" });
  return back(`Restored ${parsed.data.displayName} as an owner of ${parsed.data.businessUnit}.`);
}
