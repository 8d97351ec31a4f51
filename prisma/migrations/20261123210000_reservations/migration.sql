-- CreateTable
CREATE TABLE "ProvisionedReservation" (
    "deployment" TEXT NOT NULL,
    "validFrom" TEXT NOT NULL,
    "validTo" TEXT,
    "units" INTEGER NOT NULL,
    "price" TEXT NOT NULL,
    "per" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "idle" TEXT NOT NULL,

    PRIMARY KEY ("deployment", "validFrom")
);
