export const ROLES = ["finance", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** The Entra app roles of the Chargeback app registration, as they appear in the `roles` claim. */
export const APP_ROLES: Readonly<Record<string, Role>> = {
  "Chargeback.Finance": "finance",
  "Chargeback.Admin": "admin",
};

export function rolesFromClaim(claim: unknown): Role[] {
  if (!Array.isArray(claim)) return [];
  const roles = claim.flatMap((value) => (typeof value === "string" && APP_ROLES[value] ? [APP_ROLES[value]] : []));
  return ROLES.filter((role) => roles.includes(role));
}
