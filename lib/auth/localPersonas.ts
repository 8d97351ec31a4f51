import { createHash } from "node:crypto";
import type { BusinessUnitOwner } from "../org/businessUnitOwner";
import type { Principal } from "./principal";

export type Persona = Principal & { description: string };

const FINANCE: Persona = {
  id: "local-finance",
  name: "Finance analyst",
  roles: ["finance"],
  groups: [],
  method: "local",
  description: "Every business unit; closes months",
};
const ADMIN: Persona = {
  id: "local-admin",
  name: "Platform admin",
  roles: ["admin"],
  groups: [],
  method: "local",
  description: "Every business unit; maps apps and owners",
};

/**
 * The people one may sign in as on a workstation: finance, an admin, each owning user, and a
 * member of each owning group (so group ownership can be tried without Entra ID).
 */
export function localPersonas(owners: readonly BusinessUnitOwner[]): Persona[] {
  const people = new Map<string, Persona>();
  for (const owner of owners) {
    const id = owner.principalType === "user" ? owner.principalId : memberOf(owner.principalId);
    const persona = people.get(id) ?? {
      id,
      name: owner.principalType === "user" ? owner.displayName : `Member of ${owner.displayName}`,
      roles: [],
      groups: owner.principalType === "group" ? [owner.principalId] : [],
      method: "local" as const,
      description: "",
    };
    persona.description = persona.description ? `${persona.description}, ${owner.businessUnit}` : `Owner of ${owner.businessUnit}`;
    people.set(id, persona);
  }
  return [FINANCE, ADMIN, ...[...people.values()].sort((a, b) => a.name.localeCompare(b.name))];
}

// A stable made-up user id for "a member of this group", so sessions survive restarts.
const memberOf = (groupId: string) => `local-member-${createHash("sha256").update(groupId).digest("hex").slice(0, 12)}`;
