-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ProvisionedReservation" (
    "deployment" TEXT NOT NULL,
    "validFrom" TEXT NOT NULL,
    "validTo" TEXT,
    "units" INTEGER NOT NULL,
    "price" TEXT NOT NULL,
    "per" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "idle" TEXT NOT NULL,
    "outputWeight" INTEGER NOT NULL DEFAULT 1,

    PRIMARY KEY ("deployment", "validFrom")
);
INSERT INTO "new_ProvisionedReservation" ("currency", "deployment", "idle", "per", "price", "units", "validFrom", "validTo") SELECT "currency", "deployment", "idle", "per", "price", "units", "validFrom", "validTo" FROM "ProvisionedReservation";
DROP TABLE "ProvisionedReservation";
ALTER TABLE "new_ProvisionedReservation" RENAME TO "ProvisionedReservation";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
