-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_UsageEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "time" BIGINT NOT NULL,
    "day" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "deployment" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "promptTokens" BIGINT NOT NULL,
    "cachedTokens" BIGINT NOT NULL,
    "completionTokens" BIGINT NOT NULL,
    "reasoningTokens" BIGINT NOT NULL,
    "totalTokens" BIGINT NOT NULL,
    "modelTimeMs" BIGINT,
    "status" INTEGER,
    "streamed" BOOLEAN,
    "subscriptionId" TEXT,
    "product" TEXT,
    "tags" TEXT,
    "endUser" TEXT,
    "errorCode" TEXT,
    "cacheWriteTokens" BIGINT NOT NULL DEFAULT 0,
    "audioInputTokens" BIGINT NOT NULL DEFAULT 0,
    "audioCachedTokens" BIGINT NOT NULL DEFAULT 0,
    "audioOutputTokens" BIGINT NOT NULL DEFAULT 0,
    "imageInputTokens" BIGINT NOT NULL DEFAULT 0,
    "imageCachedTokens" BIGINT NOT NULL DEFAULT 0,
    "imageOutputTokens" BIGINT NOT NULL DEFAULT 0,
    "serviceTier" TEXT,
    "shape" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "receivedAt" BIGINT NOT NULL
);
INSERT INTO "new_UsageEvent" ("appId", "cachedTokens", "completionTokens", "day", "deployment", "endUser", "errorCode", "id", "model", "modelTimeMs", "operation", "product", "promptTokens", "reasoningTokens", "receivedAt", "region", "shape", "source", "status", "streamed", "subscriptionId", "tags", "time", "totalTokens") SELECT "appId", "cachedTokens", "completionTokens", "day", "deployment", "endUser", "errorCode", "id", "model", "modelTimeMs", "operation", "product", "promptTokens", "reasoningTokens", "receivedAt", "region", "shape", "source", "status", "streamed", "subscriptionId", "tags", "time", "totalTokens" FROM "UsageEvent";
DROP TABLE "UsageEvent";
ALTER TABLE "new_UsageEvent" RENAME TO "UsageEvent";
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
);
INSERT INTO "new_DailyUsage" ("appId", "cachedTokens", "completionTokens", "day", "deployment", "model", "modelTimeMs", "operation", "promptTokens", "reasoningTokens", "region", "requests", "tokenKinds", "totalTokens") SELECT "appId", "cachedTokens", "completionTokens", "day", "deployment", "model", "modelTimeMs", "operation", "promptTokens", "reasoningTokens", "region", "requests", "tokenKinds", "totalTokens" FROM "DailyUsage";
DROP TABLE "DailyUsage";
ALTER TABLE "new_DailyUsage" RENAME TO "DailyUsage";
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
);
INSERT INTO "new_DailyDimensionUsage" ("appId", "cachedTokens", "completionTokens", "day", "deployment", "dimension", "model", "modelTimeMs", "operation", "promptTokens", "reasoningTokens", "region", "requests", "tokenKinds", "totalTokens", "value") SELECT "appId", "cachedTokens", "completionTokens", "day", "deployment", "dimension", "model", "modelTimeMs", "operation", "promptTokens", "reasoningTokens", "region", "requests", "tokenKinds", "totalTokens", "value" FROM "DailyDimensionUsage";
DROP TABLE "DailyDimensionUsage";
ALTER TABLE "new_DailyDimensionUsage" RENAME TO "DailyDimensionUsage";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
