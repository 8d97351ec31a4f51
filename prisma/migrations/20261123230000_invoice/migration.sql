-- CreateTable
CREATE TABLE "InvoiceImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "file" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "counted" INTEGER NOT NULL,
    "skipped" TEXT NOT NULL,
    "fromDay" TEXT NOT NULL,
    "toDay" TEXT NOT NULL,
    "resources" TEXT NOT NULL,
    "importedAt" BIGINT NOT NULL
);

-- CreateTable
CREATE TABLE "InvoiceLine" (
    "importId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "meterName" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "batch" BOOLEAN NOT NULL,
    "kind" TEXT NOT NULL,
    "chargeCategory" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "tokens" TEXT NOT NULL,
    "billedAtto" TEXT NOT NULL,
    "effectiveAtto" TEXT NOT NULL,

    PRIMARY KEY ("importId", "day", "resourceId", "meterName", "chargeCategory", "currency")
);

-- CreateIndex
CREATE INDEX "InvoiceLine_day_idx" ON "InvoiceLine"("day");
