import type { BusinessUnitOwner } from "../org/businessUnitOwner";
import type { AuditContext, UsageStore } from "../store/port";

/**
 * Owning a business unit is a role: when it changes, the principal's sessions (for a group, its
 * members') end and the next request signs in again with what they hold now.
 */
export async function addBusinessUnitOwner(store: UsageStore, owner: BusinessUnitOwner, audit: AuditContext, at = Date.now()) {
  const summary = await store.saveBusinessUnitOwners([owner], audit);
  await store.revokeSessions({ principalId: owner.principalId }, at);
  return summary;
}

/** Returns false when there was no such owner. */
export async function removeBusinessUnitOwner(store: UsageStore, businessUnit: string, principalId: string, audit: AuditContext, at = Date.now()) {
  const removed = await store.removeBusinessUnitOwner(businessUnit, principalId, audit);
  await store.revokeSessions({ principalId }, at);
  return removed;
}
