-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_StatementLine" (
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
    "listAtto" TEXT NOT NULL DEFAULT '',
    "listCost" TEXT NOT NULL DEFAULT '',
    "prices" TEXT NOT NULL,
    "rule" TEXT NOT NULL DEFAULT '',
    "billed" TEXT NOT NULL DEFAULT '',
    "parts" TEXT NOT NULL DEFAULT '',

    PRIMARY KEY ("month", "kind", "forMonth", "businessUnit", "costCenter", "appId", "model", "rule")
);
INSERT INTO "new_StatementLine" ("appId", "appName", "atto", "billed", "businessUnit", "cachedTokens", "completionTokens", "cost", "costCenter", "forMonth", "kind", "listAtto", "listCost", "model", "month", "prices", "promptTokens", "reason", "requests", "rule", "totalTokens") SELECT "appId", "appName", "atto", "billed", "businessUnit", "cachedTokens", "completionTokens", "cost", "costCenter", "forMonth", "kind", "listAtto", "listCost", "model", "month", "prices", "promptTokens", "reason", "requests", "rule", "totalTokens" FROM "StatementLine";
DROP TABLE "StatementLine";
ALTER TABLE "new_StatementLine" RENAME TO "StatementLine";
CREATE INDEX "StatementLine_forMonth_idx" ON "StatementLine"("forMonth");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
