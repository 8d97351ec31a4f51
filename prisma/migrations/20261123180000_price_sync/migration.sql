-- CreateTable
CREATE TABLE "PriceSyncRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" BIGINT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "items" INTEGER NOT NULL,
    "detail" TEXT NOT NULL
);
