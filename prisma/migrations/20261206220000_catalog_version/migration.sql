-- A counter every change to what prices or attributes usage besides the price book bumps, in the
-- change's own transaction (triggers, so every writer is covered): a process keeps its catalog
-- until the counter moves (lib/ledger/catalogCache.ts). The price book has its own version.
CREATE TABLE "CatalogVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "version" INTEGER NOT NULL
);
INSERT INTO "CatalogVersion" ("id", "version") VALUES (1, 0);
CREATE TRIGGER "App_catalog_insert" AFTER INSERT ON "App" BEGIN
  UPDATE "CatalogVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "App_catalog_update" AFTER UPDATE ON "App" BEGIN
  UPDATE "CatalogVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "App_catalog_delete" AFTER DELETE ON "App" BEGIN
  UPDATE "CatalogVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "OrgMapping_catalog_insert" AFTER INSERT ON "OrgMapping" BEGIN
  UPDATE "CatalogVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "OrgMapping_catalog_update" AFTER UPDATE ON "OrgMapping" BEGIN
  UPDATE "CatalogVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "OrgMapping_catalog_delete" AFTER DELETE ON "OrgMapping" BEGIN
  UPDATE "CatalogVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "SplitRule_catalog_insert" AFTER INSERT ON "SplitRule" BEGIN
  UPDATE "CatalogVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "SplitRule_catalog_update" AFTER UPDATE ON "SplitRule" BEGIN
  UPDATE "CatalogVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "SplitRule_catalog_delete" AFTER DELETE ON "SplitRule" BEGIN
  UPDATE "CatalogVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "Markup_catalog_insert" AFTER INSERT ON "Markup" BEGIN
  UPDATE "CatalogVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "Markup_catalog_update" AFTER UPDATE ON "Markup" BEGIN
  UPDATE "CatalogVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "Markup_catalog_delete" AFTER DELETE ON "Markup" BEGIN
  UPDATE "CatalogVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "Discount_catalog_insert" AFTER INSERT ON "Discount" BEGIN
  UPDATE "CatalogVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "Discount_catalog_update" AFTER UPDATE ON "Discount" BEGIN
  UPDATE "CatalogVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "Discount_catalog_delete" AFTER DELETE ON "Discount" BEGIN
  UPDATE "CatalogVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "ClosedMonth_catalog_insert" AFTER INSERT ON "ClosedMonth" BEGIN
  UPDATE "CatalogVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "ClosedMonth_catalog_update" AFTER UPDATE ON "ClosedMonth" BEGIN
  UPDATE "CatalogVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "ClosedMonth_catalog_delete" AFTER DELETE ON "ClosedMonth" BEGIN
  UPDATE "CatalogVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;
