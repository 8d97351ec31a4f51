-- CreateTable
CREATE TABLE "IdempotencyKey" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "digest" TEXT NOT NULL,
    "at" BIGINT NOT NULL
);
