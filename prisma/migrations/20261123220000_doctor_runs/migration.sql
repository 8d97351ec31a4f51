-- CreateTable
CREATE TABLE "DoctorRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" BIGINT NOT NULL,
    "source" TEXT NOT NULL,
    "report" TEXT NOT NULL
);
