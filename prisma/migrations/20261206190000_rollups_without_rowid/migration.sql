-- RedefineTables (edited by hand; Prisma cannot say WITHOUT ROWID, and its own redefinitions of
-- 20261206090000 dropped it): each rollup table keyed by its composite text key alone, not by a
-- rowid plus a second B-tree repeating the key. Halves the bytes per row (bench/rollupSize.bench.ts).
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DailyUsage" (
    "day" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "deployment" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "tokenKinds" INTEGER NOT NULL,
    "requests" BIGINT NOT NULL,
    "promptTokens" BIGINT NOT NULL,
    "cachedTokens" BIGINT NOT NULL,
    "completionTokens" BIGINT NOT NULL,
    "reasoningTokens" BIGINT NOT NULL,
    "totalTokens" BIGINT NOT NULL,
    "modelTimeMs" BIGINT NOT NULL,
    "cacheWriteTokens" BIGINT NOT NULL DEFAULT 0,
    "audioInputTokens" BIGINT NOT NULL DEFAULT 0,
    "audioCachedTokens" BIGINT NOT NULL DEFAULT 0,
    "audioOutputTokens" BIGINT NOT NULL DEFAULT 0,
    "imageInputTokens" BIGINT NOT NULL DEFAULT 0,
    "imageCachedTokens" BIGINT NOT NULL DEFAULT 0,
    "imageOutputTokens" BIGINT NOT NULL DEFAULT 0,

    PRIMARY KEY ("day", "appId", "deployment", "model", "region", "operation", "tokenKinds")
) WITHOUT ROWID;
INSERT INTO "new_DailyUsage" ("day", "appId", "deployment", "model", "region", "operation", "tokenKinds", "requests", "promptTokens", "cachedTokens", "completionTokens", "reasoningTokens", "totalTokens", "modelTimeMs", "cacheWriteTokens", "audioInputTokens", "audioCachedTokens", "audioOutputTokens", "imageInputTokens", "imageCachedTokens", "imageOutputTokens") SELECT "day", "appId", "deployment", "model", "region", "operation", "tokenKinds", "requests", "promptTokens", "cachedTokens", "completionTokens", "reasoningTokens", "totalTokens", "modelTimeMs", "cacheWriteTokens", "audioInputTokens", "audioCachedTokens", "audioOutputTokens", "imageInputTokens", "imageCachedTokens", "imageOutputTokens" FROM "DailyUsage";
DROP TABLE "DailyUsage";
ALTER TABLE "new_DailyUsage" RENAME TO "DailyUsage";
CREATE TABLE "new_HourlyAppUsage" (
    "hour" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "deployment" TEXT NOT NULL DEFAULT '',
    "requests" BIGINT NOT NULL,
    "promptTokens" BIGINT NOT NULL DEFAULT 0,
    "cachedTokens" BIGINT NOT NULL DEFAULT 0,
    "completionTokens" BIGINT NOT NULL DEFAULT 0,
    "totalTokens" BIGINT NOT NULL,
    "timedRequests" BIGINT NOT NULL,
    "modelTimeMs" BIGINT NOT NULL,
    "t100" BIGINT NOT NULL,
    "t200" BIGINT NOT NULL,
    "t300" BIGINT NOT NULL,
    "t500" BIGINT NOT NULL,
    "t750" BIGINT NOT NULL,
    "t1000" BIGINT NOT NULL,
    "t1500" BIGINT NOT NULL,
    "t2000" BIGINT NOT NULL,
    "t3000" BIGINT NOT NULL,
    "t5000" BIGINT NOT NULL,
    "t7500" BIGINT NOT NULL,
    "t10000" BIGINT NOT NULL,
    "t15000" BIGINT NOT NULL,
    "t30000" BIGINT NOT NULL,
    "t60000" BIGINT NOT NULL,
    "tOver" BIGINT NOT NULL,

    PRIMARY KEY ("hour", "appId", "deployment")
) WITHOUT ROWID;
INSERT INTO "new_HourlyAppUsage" ("hour", "appId", "deployment", "requests", "promptTokens", "cachedTokens", "completionTokens", "totalTokens", "timedRequests", "modelTimeMs", "t100", "t200", "t300", "t500", "t750", "t1000", "t1500", "t2000", "t3000", "t5000", "t7500", "t10000", "t15000", "t30000", "t60000", "tOver") SELECT "hour", "appId", "deployment", "requests", "promptTokens", "cachedTokens", "completionTokens", "totalTokens", "timedRequests", "modelTimeMs", "t100", "t200", "t300", "t500", "t750", "t1000", "t1500", "t2000", "t3000", "t5000", "t7500", "t10000", "t15000", "t30000", "t60000", "tOver" FROM "HourlyAppUsage";
DROP TABLE "HourlyAppUsage";
ALTER TABLE "new_HourlyAppUsage" RENAME TO "HourlyAppUsage";
CREATE INDEX "HourlyAppUsage_appId_hour_idx" ON "HourlyAppUsage"("appId", "hour");
CREATE TABLE "new_DailyDimensionUsage" (
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
    "cacheWriteTokens" BIGINT NOT NULL DEFAULT 0,
    "audioInputTokens" BIGINT NOT NULL DEFAULT 0,
    "audioCachedTokens" BIGINT NOT NULL DEFAULT 0,
    "audioOutputTokens" BIGINT NOT NULL DEFAULT 0,
    "imageInputTokens" BIGINT NOT NULL DEFAULT 0,
    "imageCachedTokens" BIGINT NOT NULL DEFAULT 0,
    "imageOutputTokens" BIGINT NOT NULL DEFAULT 0,

    PRIMARY KEY ("dimension", "day", "appId", "deployment", "model", "region", "operation", "tokenKinds", "value")
) WITHOUT ROWID;
INSERT INTO "new_DailyDimensionUsage" ("day", "appId", "deployment", "model", "region", "operation", "tokenKinds", "dimension", "value", "requests", "promptTokens", "cachedTokens", "completionTokens", "reasoningTokens", "totalTokens", "modelTimeMs", "cacheWriteTokens", "audioInputTokens", "audioCachedTokens", "audioOutputTokens", "imageInputTokens", "imageCachedTokens", "imageOutputTokens") SELECT "day", "appId", "deployment", "model", "region", "operation", "tokenKinds", "dimension", "value", "requests", "promptTokens", "cachedTokens", "completionTokens", "reasoningTokens", "totalTokens", "modelTimeMs", "cacheWriteTokens", "audioInputTokens", "audioCachedTokens", "audioOutputTokens", "imageInputTokens", "imageCachedTokens", "imageOutputTokens" FROM "DailyDimensionUsage";
DROP TABLE "DailyDimensionUsage";
ALTER TABLE "new_DailyDimensionUsage" RENAME TO "DailyDimensionUsage";
CREATE TABLE "new_DailyOutcome" (
    "day" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "requests" BIGINT NOT NULL,
    "usageUnknown" BIGINT NOT NULL,

    PRIMARY KEY ("day", "appId", "outcome")
) WITHOUT ROWID;
INSERT INTO "new_DailyOutcome" ("day", "appId", "outcome", "requests", "usageUnknown") SELECT "day", "appId", "outcome", "requests", "usageUnknown" FROM "DailyOutcome";
DROP TABLE "DailyOutcome";
ALTER TABLE "new_DailyOutcome" RENAME TO "DailyOutcome";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
