/** What Microsoft Graph says of an app id: its service principal, or that the tenant has none. */
export type DirectoryOwner = { id: string; displayName: string; userPrincipalName: string | null };
export type DirectoryEntry =
  | {
      appId: string;
      status: "found";
      displayName: string;
      servicePrincipalType: string; // Application, ManagedIdentity, Legacy, SocialIdp
      appOwnerOrganizationId: string | null;
      owners: DirectoryOwner[];
      syncedAt: number;
    }
  | { appId: string; status: "unknown"; syncedAt: number }; // deleted, or an app of another tenant
