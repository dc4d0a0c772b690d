-- Customers merged across tills by id (issue 14): each customer gets an id of its own,
-- made where it was first entered, and the time of its last change, so head office keeps
-- one customer whichever tills entered or changed it, and sends it down to every till.
--
-- A customer that arrives from head office must not go back up as if changed here:
-- `sync_state.applying` is set for the transaction that applies a page of head office's
-- changes, and the customer triggers stay quiet while it is.

ALTER TABLE "customer" ADD COLUMN "uuid" TEXT;

ALTER TABLE "customer" ADD COLUMN "updated_at" INTEGER;

ALTER TABLE "sync_state" ADD COLUMN "applying" INTEGER NOT NULL DEFAULT 0;

DROP TRIGGER "outbox_customer_insert";

DROP TRIGGER "outbox_customer_update";

UPDATE "customer" SET "uuid" = lower(hex(randomblob(16))), "updated_at" = "created_at";

CREATE UNIQUE INDEX "customer_uuid" ON "customer" ("uuid");

CREATE TRIGGER "outbox_customer_insert" AFTER INSERT ON "customer"
WHEN EXISTS (SELECT 1 FROM "sync_state" WHERE "applying" = 0)
BEGIN
    INSERT INTO "outbox" ("kind", "ref") VALUES ('customer', NEW."id");
END;

CREATE TRIGGER "outbox_customer_update" AFTER UPDATE ON "customer"
WHEN EXISTS (SELECT 1 FROM "sync_state" WHERE "applying" = 0)
BEGIN
    INSERT INTO "outbox" ("kind", "ref") VALUES ('customer', NEW."id");
END;

-- an enrolled till sends every customer again, now with its id
INSERT INTO "outbox" ("kind", "ref")
SELECT 'customer', "id" FROM "customer" WHERE EXISTS (SELECT 1 FROM "sync_state")
ORDER BY "id";
