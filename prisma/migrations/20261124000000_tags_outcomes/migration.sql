-- AlterTable
ALTER TABLE "UsageEvent" ADD COLUMN "endUser" TEXT;
ALTER TABLE "UsageEvent" ADD COLUMN "errorCode" TEXT;
ALTER TABLE "UsageEvent" ADD COLUMN "tags" TEXT;

-- CreateTable
-- WITHOUT ROWID (edited by hand; Prisma cannot say it): an end user is nearly one new row per
-- event, and a composite text key in a rowid table costs a second B-tree on every upsert.
CREATE TABLE "DailyDimensionUsage" (
    "day" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "deployment" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "tokenKinds" INTEGER NOT NULL,
    "dimension" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "requests" BIGINT NOT NULL,
    "promptTokens" BIGINT NOT NULL,
    "cachedTokens" BIGINT NOT NULL,
    "completionTokens" BIGINT NOT NULL,
    "reasoningTokens" BIGINT NOT NULL,
    "totalTokens" BIGINT NOT NULL,
    "modelTimeMs" BIGINT NOT NULL,

    PRIMARY KEY ("dimension", "day", "appId", "deployment", "model", "region", "operation", "tokenKinds", "value")
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "DailyOutcome" (
    "day" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "requests" BIGINT NOT NULL,
    "usageUnknown" BIGINT NOT NULL,

    PRIMARY KEY ("day", "appId", "outcome")
);

-- CreateTable
CREATE TABLE "IngestWarning" (
    "source" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "count" BIGINT NOT NULL,
    "firstAt" BIGINT NOT NULL,
    "lastAt" BIGINT NOT NULL,
    "lastEventId" TEXT NOT NULL,

    PRIMARY KEY ("source", "reason")
);
