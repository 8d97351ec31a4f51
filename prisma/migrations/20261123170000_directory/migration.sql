-- CreateTable
CREATE TABLE "DirectoryEntry" (
    "appId" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL,
    "displayName" TEXT,
    "servicePrincipalType" TEXT,
    "appOwnerOrganizationId" TEXT,
    "owners" TEXT NOT NULL,
    "syncedAt" BIGINT NOT NULL
);
