import { ownedBusinessUnits, type BusinessUnitOwner } from "../org/businessUnitOwner";
import { ALL_UNITS, includesUnit, onlyUnits, type ReportScope } from "../reports/reportScope";
import type { Principal } from "./principal";
import type { Role } from "./roles";

/** A signed-in principal with what they may see: every business unit, or the ones they own. */
export type Caller = Principal & { scope: ReportScope; ownedUnits: string[] };

export type Action =
  | "owners:write"
  | "mappings:write"
  | "splits:write"
  | "mappings:read"
  | "prices:write"
  | "catalog:read"
  | "months:close"
  | "statements:pack"
  | "invoices:write"
  | "audit:read"
  | "health:read"
  | "quarantine:write"
  | "reconciliation:read";

const ALLOWED: Readonly<Record<Action, readonly Role[]>> = {
  "owners:write": ["admin"],
  "mappings:write": ["admin"],
  // Split rules move cost between units like mappings do.
  "splits:write": ["admin"],
  // Every app's cost center, across units: not for unit owners.
  "mappings:read": ["admin", "finance"],
  "prices:write": ["admin"],
  // Deployments and the price book: no unit's numbers, but the whole gateway's usage mix.
  "catalog:read": ["admin", "finance"],
  "months:close": ["finance"],
  // Every unit's statement in one file: for finance to send, not for any one unit's owner.
  "statements:pack": ["finance"],
  // The Azure bill a close on actual cost settles against: finance's to import.
  "invoices:write": ["finance"],
  "audit:read": ["admin", "finance"],
  // How the pipeline runs and how it is secured: the platform team's concern.
  "health:read": ["admin"],
  // Replaying or discarding a quarantined event changes what is counted: the platform team's call, audited.
  "quarantine:write": ["admin"],
  // The Azure bill beside the whole gateway's usage: no unit's numbers, every resource's.
  "reconciliation:read": ["admin", "finance"],
};

/** Finance and admins see every business unit (admins must, to map unattributed spend); owners see theirs. */
export function resolveCaller(principal: Principal, owners: readonly BusinessUnitOwner[]): Caller {
  const ownedUnits = ownedBusinessUnits(owners, principal.id, principal.groups);
  const seesAll = principal.roles.length > 0;
  return { ...principal, ownedUnits, scope: seesAll ? ALL_UNITS : onlyUnits(ownedUnits) };
}

export const seesEveryUnit = (caller: Caller): boolean => caller.scope.units === "all";

export const canSeeUnit = (caller: Caller, businessUnit: string): boolean => includesUnit(caller.scope, businessUnit);

export const may = (caller: Caller, action: Action): boolean => ALLOWED[action].some((role) => caller.roles.includes(role));
