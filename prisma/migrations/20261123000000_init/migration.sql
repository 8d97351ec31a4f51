-- CreateTable
CREATE TABLE "UsageEvent" (
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
    "shape" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "receivedAt" BIGINT NOT NULL
);

-- CreateTable
CREATE TABLE "DailyUsage" (
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

    PRIMARY KEY ("day", "appId", "deployment", "model", "region", "operation", "tokenKinds")
);

-- CreateTable
CREATE TABLE "QuarantinedEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "receivedAt" BIGINT NOT NULL,
    "source" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "raw" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "replayedAt" BIGINT
);

-- CreateTable
CREATE TABLE "RetailPrice" (
    "meterId" TEXT NOT NULL,
    "effectiveStartDate" TEXT NOT NULL,
    "currencyCode" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "tierMinimumUnits" TEXT NOT NULL,
    "meterName" TEXT NOT NULL,
    "productName" TEXT NOT NULL,
    "skuName" TEXT NOT NULL,
    "serviceName" TEXT NOT NULL,
    "armRegionName" TEXT NOT NULL,
    "unitOfMeasure" TEXT NOT NULL,
    "retailPrice" TEXT NOT NULL,
    "importedAt" BIGINT NOT NULL,

    PRIMARY KEY ("meterId", "armRegionName", "effectiveStartDate", "currencyCode", "type", "tierMinimumUnits")
);

-- CreateTable
CREATE TABLE "Deployment" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "model" TEXT,
    "region" TEXT NOT NULL,
    "sku" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "OrgMapping" (
    "appId" TEXT NOT NULL,
    "validFrom" TEXT NOT NULL,
    "validTo" TEXT,
    "costCenter" TEXT NOT NULL,
    "businessUnit" TEXT NOT NULL,

    PRIMARY KEY ("appId", "validFrom")
);

-- CreateTable
CREATE TABLE "App" (
    "appId" TEXT NOT NULL PRIMARY KEY,
    "displayName" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "QuarantinedEvent_status_idx" ON "QuarantinedEvent"("status");
