-- CreateTable
CREATE TABLE "BusinessUnitOwner" (
    "businessUnit" TEXT NOT NULL,
    "principalId" TEXT NOT NULL,
    "principalType" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,

    PRIMARY KEY ("businessUnit", "principalId")
);

-- CreateIndex
CREATE INDEX "BusinessUnitOwner_principalId_idx" ON "BusinessUnitOwner"("principalId");
