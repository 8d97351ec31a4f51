-- Rollups name their long text keys by short integer ids (issue 25: a year of rollups under
-- 1.5 GB, docs/rollup-size.md). Made with `prisma migrate diff` from the previous schema, then
-- edited by hand, as Prisma cannot say them: WITHOUT ROWID on the sums tables, the rows of the old
-- tables carried over, and views under the old names (DailyUsage, HourlyAppUsage,
-- DailyDimensionUsage) with the old columns, so every reader is unchanged. An INSERT into a view
-- adds to the row of its key (creating the key and the row when new); a DELETE removes the rows.
-- tests/lib/store/rollupTables.int.test.ts guards the hand-written parts.
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
-- CreateTable
CREATE TABLE "RollupKey" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "appId" TEXT NOT NULL,
    "deployment" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "tokenKinds" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "DailyUsageSums" (
    "day" TEXT NOT NULL,
    "keyId" INTEGER NOT NULL,
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

    PRIMARY KEY ("day", "keyId")
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "HourlyKey" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "appId" TEXT NOT NULL,
    "deployment" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "HourlyAppUsageSums" (
    "hour" TEXT NOT NULL,
    "hourlyKeyId" INTEGER NOT NULL,
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

    PRIMARY KEY ("hour", "hourlyKeyId")
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "DimensionValue" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "value" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "DailyDimensionUsageSums" (
    "dimension" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "keyId" INTEGER NOT NULL,
    "valueId" INTEGER NOT NULL,
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

    PRIMARY KEY ("dimension", "day", "keyId", "valueId")
) WITHOUT ROWID;

-- CreateIndex
CREATE UNIQUE INDEX "RollupKey_appId_deployment_model_region_operation_tokenKinds_key" ON "RollupKey"("appId", "deployment", "model", "region", "operation", "tokenKinds");

-- CreateIndex
CREATE UNIQUE INDEX "HourlyKey_appId_deployment_key" ON "HourlyKey"("appId", "deployment");

-- CreateIndex
CREATE INDEX "HourlyAppUsageSums_hourlyKeyId_hour_idx" ON "HourlyAppUsageSums"("hourlyKeyId", "hour");

-- CreateIndex
CREATE UNIQUE INDEX "DimensionValue_value_key" ON "DimensionValue"("value");

-- Carry the rows over: every key once, then each row under its key's id.
INSERT INTO "RollupKey" ("appId", "deployment", "model", "region", "operation", "tokenKinds")
SELECT "appId", "deployment", "model", "region", "operation", "tokenKinds" FROM "DailyUsage" UNION SELECT "appId", "deployment", "model", "region", "operation", "tokenKinds" FROM "DailyDimensionUsage" ORDER BY 1, 2, 3, 4, 5, 6;
INSERT INTO "DailyUsageSums" ("day", "keyId", "requests", "promptTokens", "cachedTokens", "completionTokens", "reasoningTokens", "totalTokens", "modelTimeMs", "cacheWriteTokens", "audioInputTokens", "audioCachedTokens", "audioOutputTokens", "imageInputTokens", "imageCachedTokens", "imageOutputTokens")
SELECT d."day", k."id", d."requests", d."promptTokens", d."cachedTokens", d."completionTokens", d."reasoningTokens", d."totalTokens", d."modelTimeMs", d."cacheWriteTokens", d."audioInputTokens", d."audioCachedTokens", d."audioOutputTokens", d."imageInputTokens", d."imageCachedTokens", d."imageOutputTokens" FROM "DailyUsage" d JOIN "RollupKey" k USING ("appId", "deployment", "model", "region", "operation", "tokenKinds");
INSERT INTO "HourlyKey" ("appId", "deployment") SELECT DISTINCT "appId", "deployment" FROM "HourlyAppUsage" ORDER BY 1, 2;
INSERT INTO "HourlyAppUsageSums" ("hour", "hourlyKeyId", "requests", "promptTokens", "cachedTokens", "completionTokens", "totalTokens", "timedRequests", "modelTimeMs", "t100", "t200", "t300", "t500", "t750", "t1000", "t1500", "t2000", "t3000", "t5000", "t7500", "t10000", "t15000", "t30000", "t60000", "tOver")
SELECT h."hour", k."id", h."requests", h."promptTokens", h."cachedTokens", h."completionTokens", h."totalTokens", h."timedRequests", h."modelTimeMs", h."t100", h."t200", h."t300", h."t500", h."t750", h."t1000", h."t1500", h."t2000", h."t3000", h."t5000", h."t7500", h."t10000", h."t15000", h."t30000", h."t60000", h."tOver" FROM "HourlyAppUsage" h JOIN "HourlyKey" k USING ("appId", "deployment");
INSERT INTO "DimensionValue" ("value") SELECT DISTINCT "value" FROM "DailyDimensionUsage" ORDER BY 1;
INSERT INTO "DailyDimensionUsageSums" ("dimension", "day", "keyId", "valueId", "requests", "promptTokens", "cachedTokens", "completionTokens", "reasoningTokens", "totalTokens", "modelTimeMs", "cacheWriteTokens", "audioInputTokens", "audioCachedTokens", "audioOutputTokens", "imageInputTokens", "imageCachedTokens", "imageOutputTokens")
SELECT x."dimension", x."day", k."id", v."id", x."requests", x."promptTokens", x."cachedTokens", x."completionTokens", x."reasoningTokens", x."totalTokens", x."modelTimeMs", x."cacheWriteTokens", x."audioInputTokens", x."audioCachedTokens", x."audioOutputTokens", x."imageInputTokens", x."imageCachedTokens", x."imageOutputTokens"
FROM "DailyDimensionUsage" x JOIN "RollupKey" k USING ("appId", "deployment", "model", "region", "operation", "tokenKinds") JOIN "DimensionValue" v ON v."value" = x."value";
DROP TABLE "DailyUsage";
DROP TABLE "HourlyAppUsage";
DROP TABLE "DailyDimensionUsage";

-- The old names, as views with the old columns.
CREATE VIEW "DailyUsage" AS
SELECT s."day", k."appId", k."deployment", k."model", k."region", k."operation", k."tokenKinds", s."requests", s."promptTokens", s."cachedTokens", s."completionTokens", s."reasoningTokens", s."totalTokens", s."modelTimeMs", s."cacheWriteTokens", s."audioInputTokens", s."audioCachedTokens", s."audioOutputTokens", s."imageInputTokens", s."imageCachedTokens", s."imageOutputTokens"
FROM "DailyUsageSums" s JOIN "RollupKey" k ON k."id" = s."keyId";
CREATE TRIGGER "DailyUsage_insert" INSTEAD OF INSERT ON "DailyUsage" BEGIN
  INSERT OR IGNORE INTO "RollupKey" ("appId", "deployment", "model", "region", "operation", "tokenKinds") VALUES (NEW."appId", NEW."deployment", NEW."model", NEW."region", NEW."operation", NEW."tokenKinds");
  INSERT INTO "DailyUsageSums" ("day", "keyId", "requests", "promptTokens", "cachedTokens", "completionTokens", "reasoningTokens", "totalTokens", "modelTimeMs", "cacheWriteTokens", "audioInputTokens", "audioCachedTokens", "audioOutputTokens", "imageInputTokens", "imageCachedTokens", "imageOutputTokens")
  SELECT NEW."day", "id", NEW."requests", NEW."promptTokens", NEW."cachedTokens", NEW."completionTokens", NEW."reasoningTokens", NEW."totalTokens", NEW."modelTimeMs", COALESCE(NEW."cacheWriteTokens", 0), COALESCE(NEW."audioInputTokens", 0), COALESCE(NEW."audioCachedTokens", 0), COALESCE(NEW."audioOutputTokens", 0), COALESCE(NEW."imageInputTokens", 0), COALESCE(NEW."imageCachedTokens", 0), COALESCE(NEW."imageOutputTokens", 0) FROM "RollupKey" WHERE "appId" = NEW."appId" AND "deployment" = NEW."deployment" AND "model" = NEW."model" AND "region" = NEW."region" AND "operation" = NEW."operation" AND "tokenKinds" = NEW."tokenKinds"
  ON CONFLICT ("day", "keyId") DO UPDATE SET "requests" = "requests" + excluded."requests", "promptTokens" = "promptTokens" + excluded."promptTokens", "cachedTokens" = "cachedTokens" + excluded."cachedTokens", "completionTokens" = "completionTokens" + excluded."completionTokens", "reasoningTokens" = "reasoningTokens" + excluded."reasoningTokens", "totalTokens" = "totalTokens" + excluded."totalTokens", "modelTimeMs" = "modelTimeMs" + excluded."modelTimeMs", "cacheWriteTokens" = "cacheWriteTokens" + excluded."cacheWriteTokens", "audioInputTokens" = "audioInputTokens" + excluded."audioInputTokens", "audioCachedTokens" = "audioCachedTokens" + excluded."audioCachedTokens", "audioOutputTokens" = "audioOutputTokens" + excluded."audioOutputTokens", "imageInputTokens" = "imageInputTokens" + excluded."imageInputTokens", "imageCachedTokens" = "imageCachedTokens" + excluded."imageCachedTokens", "imageOutputTokens" = "imageOutputTokens" + excluded."imageOutputTokens";
END;
CREATE TRIGGER "DailyUsage_delete" INSTEAD OF DELETE ON "DailyUsage" BEGIN
  DELETE FROM "DailyUsageSums" WHERE "day" = OLD."day" AND "keyId" = (SELECT "id" FROM "RollupKey" WHERE "appId" = OLD."appId" AND "deployment" = OLD."deployment" AND "model" = OLD."model" AND "region" = OLD."region" AND "operation" = OLD."operation" AND "tokenKinds" = OLD."tokenKinds");
END;

CREATE VIEW "HourlyAppUsage" AS
SELECT s."hour", k."appId", k."deployment", s."requests", s."promptTokens", s."cachedTokens", s."completionTokens", s."totalTokens", s."timedRequests", s."modelTimeMs", s."t100", s."t200", s."t300", s."t500", s."t750", s."t1000", s."t1500", s."t2000", s."t3000", s."t5000", s."t7500", s."t10000", s."t15000", s."t30000", s."t60000", s."tOver"
FROM "HourlyAppUsageSums" s JOIN "HourlyKey" k ON k."id" = s."hourlyKeyId";
CREATE TRIGGER "HourlyAppUsage_insert" INSTEAD OF INSERT ON "HourlyAppUsage" BEGIN
  INSERT OR IGNORE INTO "HourlyKey" ("appId", "deployment") VALUES (NEW."appId", COALESCE(NEW."deployment", ''));
  INSERT INTO "HourlyAppUsageSums" ("hour", "hourlyKeyId", "requests", "promptTokens", "cachedTokens", "completionTokens", "totalTokens", "timedRequests", "modelTimeMs", "t100", "t200", "t300", "t500", "t750", "t1000", "t1500", "t2000", "t3000", "t5000", "t7500", "t10000", "t15000", "t30000", "t60000", "tOver")
  SELECT NEW."hour", "id", NEW."requests", COALESCE(NEW."promptTokens", 0), COALESCE(NEW."cachedTokens", 0), COALESCE(NEW."completionTokens", 0), NEW."totalTokens", NEW."timedRequests", NEW."modelTimeMs", NEW."t100", NEW."t200", NEW."t300", NEW."t500", NEW."t750", NEW."t1000", NEW."t1500", NEW."t2000", NEW."t3000", NEW."t5000", NEW."t7500", NEW."t10000", NEW."t15000", NEW."t30000", NEW."t60000", NEW."tOver" FROM "HourlyKey" WHERE "appId" = NEW."appId" AND "deployment" = COALESCE(NEW."deployment", '')
  ON CONFLICT ("hour", "hourlyKeyId") DO UPDATE SET "requests" = "requests" + excluded."requests", "promptTokens" = "promptTokens" + excluded."promptTokens", "cachedTokens" = "cachedTokens" + excluded."cachedTokens", "completionTokens" = "completionTokens" + excluded."completionTokens", "totalTokens" = "totalTokens" + excluded."totalTokens", "timedRequests" = "timedRequests" + excluded."timedRequests", "modelTimeMs" = "modelTimeMs" + excluded."modelTimeMs", "t100" = "t100" + excluded."t100", "t200" = "t200" + excluded."t200", "t300" = "t300" + excluded."t300", "t500" = "t500" + excluded."t500", "t750" = "t750" + excluded."t750", "t1000" = "t1000" + excluded."t1000", "t1500" = "t1500" + excluded."t1500", "t2000" = "t2000" + excluded."t2000", "t3000" = "t3000" + excluded."t3000", "t5000" = "t5000" + excluded."t5000", "t7500" = "t7500" + excluded."t7500", "t10000" = "t10000" + excluded."t10000", "t15000" = "t15000" + excluded."t15000", "t30000" = "t30000" + excluded."t30000", "t60000" = "t60000" + excluded."t60000", "tOver" = "tOver" + excluded."tOver";
END;
CREATE TRIGGER "HourlyAppUsage_delete" INSTEAD OF DELETE ON "HourlyAppUsage" BEGIN
  DELETE FROM "HourlyAppUsageSums" WHERE "hour" = OLD."hour" AND "hourlyKeyId" = (SELECT "id" FROM "HourlyKey" WHERE "appId" = OLD."appId" AND "deployment" = OLD."deployment");
END;

CREATE VIEW "DailyDimensionUsage" AS
SELECT s."day", k."appId", k."deployment", k."model", k."region", k."operation", k."tokenKinds", s."dimension", v."value", s."requests", s."promptTokens", s."cachedTokens", s."completionTokens", s."reasoningTokens", s."totalTokens", s."modelTimeMs", s."cacheWriteTokens", s."audioInputTokens", s."audioCachedTokens", s."audioOutputTokens", s."imageInputTokens", s."imageCachedTokens", s."imageOutputTokens"
FROM "DailyDimensionUsageSums" s JOIN "RollupKey" k ON k."id" = s."keyId" JOIN "DimensionValue" v ON v."id" = s."valueId";
CREATE TRIGGER "DailyDimensionUsage_insert" INSTEAD OF INSERT ON "DailyDimensionUsage" BEGIN
  INSERT OR IGNORE INTO "RollupKey" ("appId", "deployment", "model", "region", "operation", "tokenKinds") VALUES (NEW."appId", NEW."deployment", NEW."model", NEW."region", NEW."operation", NEW."tokenKinds");
  INSERT OR IGNORE INTO "DimensionValue" ("value") VALUES (NEW."value");
  INSERT INTO "DailyDimensionUsageSums" ("dimension", "day", "keyId", "valueId", "requests", "promptTokens", "cachedTokens", "completionTokens", "reasoningTokens", "totalTokens", "modelTimeMs", "cacheWriteTokens", "audioInputTokens", "audioCachedTokens", "audioOutputTokens", "imageInputTokens", "imageCachedTokens", "imageOutputTokens")
  SELECT NEW."dimension", NEW."day", k."id", v."id", NEW."requests", NEW."promptTokens", NEW."cachedTokens", NEW."completionTokens", NEW."reasoningTokens", NEW."totalTokens", NEW."modelTimeMs", COALESCE(NEW."cacheWriteTokens", 0), COALESCE(NEW."audioInputTokens", 0), COALESCE(NEW."audioCachedTokens", 0), COALESCE(NEW."audioOutputTokens", 0), COALESCE(NEW."imageInputTokens", 0), COALESCE(NEW."imageCachedTokens", 0), COALESCE(NEW."imageOutputTokens", 0)
  FROM "RollupKey" k, "DimensionValue" v WHERE k."appId" = NEW."appId" AND k."deployment" = NEW."deployment" AND k."model" = NEW."model" AND k."region" = NEW."region" AND k."operation" = NEW."operation" AND k."tokenKinds" = NEW."tokenKinds" AND v."value" = NEW."value"
  ON CONFLICT ("dimension", "day", "keyId", "valueId") DO UPDATE SET "requests" = "requests" + excluded."requests", "promptTokens" = "promptTokens" + excluded."promptTokens", "cachedTokens" = "cachedTokens" + excluded."cachedTokens", "completionTokens" = "completionTokens" + excluded."completionTokens", "reasoningTokens" = "reasoningTokens" + excluded."reasoningTokens", "totalTokens" = "totalTokens" + excluded."totalTokens", "modelTimeMs" = "modelTimeMs" + excluded."modelTimeMs", "cacheWriteTokens" = "cacheWriteTokens" + excluded."cacheWriteTokens", "audioInputTokens" = "audioInputTokens" + excluded."audioInputTokens", "audioCachedTokens" = "audioCachedTokens" + excluded."audioCachedTokens", "audioOutputTokens" = "audioOutputTokens" + excluded."audioOutputTokens", "imageInputTokens" = "imageInputTokens" + excluded."imageInputTokens", "imageCachedTokens" = "imageCachedTokens" + excluded."imageCachedTokens", "imageOutputTokens" = "imageOutputTokens" + excluded."imageOutputTokens";
END;
CREATE TRIGGER "DailyDimensionUsage_delete" INSTEAD OF DELETE ON "DailyDimensionUsage" BEGIN
  DELETE FROM "DailyDimensionUsageSums" WHERE "dimension" = OLD."dimension" AND "day" = OLD."day"
    AND "keyId" = (SELECT "id" FROM "RollupKey" WHERE "appId" = OLD."appId" AND "deployment" = OLD."deployment" AND "model" = OLD."model" AND "region" = OLD."region" AND "operation" = OLD."operation" AND "tokenKinds" = OLD."tokenKinds")
    AND "valueId" = (SELECT "id" FROM "DimensionValue" WHERE "value" = OLD."value");
END;
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
