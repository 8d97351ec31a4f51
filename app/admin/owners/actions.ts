"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { addBusinessUnitOwner, removeBusinessUnitOwner } from "@/lib/auth/ownerChanges";
import { BusinessUnitOwner } from "@/lib/org/businessUnitOwner";
import { getSharedStore } from "@/lib/store";
import { actorOf, requireAllowed } from "@/app/_actions/requireRole";

const requireAdmin = () => requireAllowed("owners:write", "/admin/owners");

const back = (message: string, kind: "done" | "error") => redirect(`/admin/owners?${kind}=${encodeURIComponent(message)}`);

export async function addOwner(form: FormData): Promise<void> {
  const caller = await requireAdmin();
  const parsed = BusinessUnitOwner.safeParse(Object.fromEntries(form));
  if (!parsed.success) back(parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; "), "error");
  else {
    await addBusinessUnitOwner(getSharedStore(), parsed.data, { actor: actorOf(caller), action: "owners.add", reason: "" });
    back(`${parsed.data.displayName} now owns ${parsed.data.businessUnit}.`, "done");
  }
}

const Removal = z.object({ businessUnit: z.string().min(1), principalId: z.string().min(1) });

export async function removeOwner(form: FormData): Promise<void> {
  const caller = await requireAdmin();
  const parsed = Removal.safeParse(Object.fromEntries(form));
  if (!parsed.success) back("say which owner of which business unit to remove", "error");
  else {
    const removed = await removeBusinessUnitOwner(getSharedStore(), parsed.data.businessUnit, parsed.data.principalId, {
      actor: actorOf(caller),
      action: "owners.remove",
      reason: "",
    });
    back(removed ? `Removed an owner of ${parsed.data.businessUnit}.` : "That owner was already gone.", removed ? "done" : "error");
  }
}
