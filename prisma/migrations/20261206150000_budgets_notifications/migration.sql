-- CreateTable
CREATE TABLE "Budget" (
    "scope" TEXT NOT NULL,
    "validFrom" TEXT NOT NULL,
    "validTo" TEXT,
    "amount" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "thresholds" TEXT NOT NULL,
    "notify" TEXT NOT NULL,
    "hard" BOOLEAN NOT NULL,

    PRIMARY KEY ("scope", "validFrom")
);

-- CreateTable
CREATE TABLE "AnomalyDecision" (
    "anomaly" TEXT NOT NULL PRIMARY KEY,
    "decision" TEXT NOT NULL,
    "note" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Notification" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "link" TEXT NOT NULL,
    "facts" TEXT NOT NULL,
    "createdAt" BIGINT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "dueAt" BIGINT NOT NULL,
    "sentAt" BIGINT,
    "lastError" TEXT
);

-- CreateIndex
CREATE INDEX "Notification_status_dueAt_idx" ON "Notification"("status", "dueAt");

-- CreateIndex
CREATE INDEX "Notification_createdAt_idx" ON "Notification"("createdAt");
