-- CreateTable
CREATE TABLE "ClosedMonth" (
    "month" TEXT NOT NULL PRIMARY KEY,
    "closedAt" BIGINT NOT NULL,
    "closedBy" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "unpriced" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "StatementLine" (
    "month" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "forMonth" TEXT NOT NULL,
    "businessUnit" TEXT NOT NULL,
    "costCenter" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "appName" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "requests" BIGINT NOT NULL,
    "promptTokens" BIGINT NOT NULL,
    "cachedTokens" BIGINT NOT NULL,
    "completionTokens" BIGINT NOT NULL,
    "totalTokens" BIGINT NOT NULL,
    "atto" TEXT NOT NULL,
    "cost" TEXT NOT NULL,
    "prices" TEXT NOT NULL,

    PRIMARY KEY ("month", "kind", "forMonth", "businessUnit", "costCenter", "appId", "model")
);

-- CreateTable
CREATE TABLE "MonthLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "month" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "at" BIGINT NOT NULL,
    "reason" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "StatementLine_forMonth_idx" ON "StatementLine"("forMonth");
