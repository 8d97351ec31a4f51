-- CreateTable
CREATE TABLE "PipelineLag" (
    "consumer" TEXT NOT NULL PRIMARY KEY,
    "at" BIGINT NOT NULL,
    "partitions" TEXT NOT NULL
);
