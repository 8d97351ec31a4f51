-- AlterTable
ALTER TABLE "QuarantinedEvent" ADD COLUMN "encoding" TEXT NOT NULL DEFAULT 'utf8';
