-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
);
INSERT INTO "new_HourlyAppUsage" ("appId", "hour", "modelTimeMs", "requests", "t100", "t1000", "t10000", "t1500", "t15000", "t200", "t2000", "t300", "t3000", "t30000", "t500", "t5000", "t60000", "t750", "t7500", "tOver", "timedRequests", "totalTokens") SELECT "appId", "hour", "modelTimeMs", "requests", "t100", "t1000", "t10000", "t1500", "t15000", "t200", "t2000", "t300", "t3000", "t30000", "t500", "t5000", "t60000", "t750", "t7500", "tOver", "timedRequests", "totalTokens" FROM "HourlyAppUsage";
DROP TABLE "HourlyAppUsage";
ALTER TABLE "new_HourlyAppUsage" RENAME TO "HourlyAppUsage";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
