-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "principalId" TEXT NOT NULL,
    "groups" TEXT NOT NULL,
    "startedAt" BIGINT NOT NULL,
    "lastSeenAt" BIGINT NOT NULL,
    "revokedAt" BIGINT
);

-- CreateIndex
CREATE INDEX "Session_principalId_idx" ON "Session"("principalId");
