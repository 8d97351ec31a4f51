import { z } from "zod";

/** Entra object ids are GUIDs; anything else cannot match a token's `oid` or `groups` claim. */
const ObjectId = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "must be an Entra object id (a GUID)");

/** A user, or every member of a group, who may see one business unit's numbers. */
export const BusinessUnitOwner = z.object({
  businessUnit: z.string().trim().min(1, "is empty"),
  principalType: z.enum(["user", "group"], { error: "must be user or group" }),
  principalId: ObjectId,
  displayName: z.string().trim().min(1, "is empty"),
});
export type BusinessUnitOwner = z.infer<typeof BusinessUnitOwner>;

/** The business units a signed-in user owns, directly or through one of their groups. */
export function ownedBusinessUnits(owners: readonly BusinessUnitOwner[], userId: string, groupIds: readonly string[]): string[] {
  const groups = new Set(groupIds.map((g) => g.toLowerCase()));
  const user = userId.toLowerCase();
  const units = owners.filter((o) => (o.principalType === "user" ? o.principalId === user : groups.has(o.principalId))).map((o) => o.businessUnit);
  return [...new Set(units)].sort();
}
