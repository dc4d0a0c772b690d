-- Head office (issue 14): a transactional outbox, so every change head office must
-- hear of is written in the same SQLite transaction as the change itself.
--
-- Triggers, not calls in each write path: a sale, payment, refund, void, cash
-- movement, shift close, customer change or journal entry cannot be committed
-- without its outbox row, whichever code path wrote it (the same guarantee the
-- journal has). A row names what changed (kind, ref); the sync worker sends that
-- record's state at the time it sends, in `seq` order, and head office applies each
-- batch once, by (terminal, seq). Nothing is queued until the till is enrolled
-- (`sync_state` has its row), so a till that stands alone pays nothing.

CREATE TABLE "sync_state" (
    "id" INTEGER NOT NULL PRIMARY KEY CHECK ("id" = 1),
    "url" TEXT NOT NULL,               -- head office's base URL
    "store_id" TEXT NOT NULL,
    "terminal_id" TEXT NOT NULL,
    "sent_seq" INTEGER NOT NULL DEFAULT 0,     -- the last outbox seq head office acknowledged
    "changes_seq" INTEGER NOT NULL DEFAULT 0,  -- the last head-office change applied here
    "enrolled_at" INTEGER NOT NULL,            -- UTC microseconds
    "last_ok_at" INTEGER,                      -- the last round that finished
    "last_error" TEXT,                         -- why the last round did not finish
    "last_error_at" INTEGER
);

CREATE TABLE "outbox" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL CHECK ("kind" IN ('order', 'shift', 'customer', 'journal')),
    "ref" INTEGER NOT NULL
);

CREATE TRIGGER "outbox_order_insert" AFTER INSERT ON "orders"
WHEN EXISTS (SELECT 1 FROM "sync_state")
BEGIN
    INSERT INTO "outbox" ("kind", "ref") VALUES ('order', NEW."id");
END;

CREATE TRIGGER "outbox_order_update" AFTER UPDATE ON "orders"
WHEN EXISTS (SELECT 1 FROM "sync_state")
BEGIN
    INSERT INTO "outbox" ("kind", "ref") VALUES ('order', NEW."id");
END;

CREATE TRIGGER "outbox_payment_insert" AFTER INSERT ON "payment"
WHEN EXISTS (SELECT 1 FROM "sync_state")
BEGIN
    INSERT INTO "outbox" ("kind", "ref") VALUES ('order', NEW."order_id");
END;

CREATE TRIGGER "outbox_payment_update" AFTER UPDATE ON "payment"
WHEN EXISTS (SELECT 1 FROM "sync_state")
BEGIN
    INSERT INTO "outbox" ("kind", "ref") VALUES ('order', NEW."order_id");
END;

CREATE TRIGGER "outbox_refund_insert" AFTER INSERT ON "refund"
WHEN EXISTS (SELECT 1 FROM "sync_state")
BEGIN
    INSERT INTO "outbox" ("kind", "ref") VALUES ('order', NEW."order_id");
END;

CREATE TRIGGER "outbox_shift_insert" AFTER INSERT ON "shift"
WHEN EXISTS (SELECT 1 FROM "sync_state")
BEGIN
    INSERT INTO "outbox" ("kind", "ref") VALUES ('shift', NEW."id");
END;

CREATE TRIGGER "outbox_shift_update" AFTER UPDATE ON "shift"
WHEN EXISTS (SELECT 1 FROM "sync_state")
BEGIN
    INSERT INTO "outbox" ("kind", "ref") VALUES ('shift', NEW."id");
END;

CREATE TRIGGER "outbox_cash_movement_insert" AFTER INSERT ON "cash_movement"
WHEN EXISTS (SELECT 1 FROM "sync_state")
BEGIN
    INSERT INTO "outbox" ("kind", "ref") VALUES ('shift', NEW."shift_id");
END;

CREATE TRIGGER "outbox_customer_insert" AFTER INSERT ON "customer"
WHEN EXISTS (SELECT 1 FROM "sync_state")
BEGIN
    INSERT INTO "outbox" ("kind", "ref") VALUES ('customer', NEW."id");
END;

CREATE TRIGGER "outbox_customer_update" AFTER UPDATE ON "customer"
WHEN EXISTS (SELECT 1 FROM "sync_state")
BEGIN
    INSERT INTO "outbox" ("kind", "ref") VALUES ('customer', NEW."id");
END;

CREATE TRIGGER "outbox_journal_insert" AFTER INSERT ON "journal_entry"
WHEN EXISTS (SELECT 1 FROM "sync_state")
BEGIN
    INSERT INTO "outbox" ("kind", "ref") VALUES ('journal', NEW."seq");
END;
