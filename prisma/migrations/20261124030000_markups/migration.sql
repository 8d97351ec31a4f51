-- CreateTable
CREATE TABLE "Markup" (
    "businessUnit" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "validFrom" TEXT NOT NULL,
    "validTo" TEXT,
    "amount" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "costCenter" TEXT NOT NULL,
    "label" TEXT NOT NULL,

    PRIMARY KEY ("businessUnit", "kind", "validFrom")
);
