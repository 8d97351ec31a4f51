-- CreateTable
CREATE TABLE "UsageMonth" (
    "month" TEXT NOT NULL PRIMARY KEY,
    "version" BIGINT NOT NULL
);

-- CreateTable
CREATE TABLE "LedgerPart" (
    "month" TEXT NOT NULL,
    "part" TEXT NOT NULL,
    "stamp" TEXT NOT NULL,
    "builtAt" BIGINT NOT NULL,
    "body" TEXT NOT NULL,

    PRIMARY KEY ("month", "part")
);

-- CreateIndex
CREATE INDEX "HourlyAppUsage_appId_hour_idx" ON "HourlyAppUsage"("appId", "hour");
