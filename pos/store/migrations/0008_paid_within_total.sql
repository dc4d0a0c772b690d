-- Live exactly-once (issue 10): an order is never paid more than it owes.
--
-- The payment services record money only while an order still owes it (a late
-- card approval for a paid or cancelled sale is voided, never added). These
-- triggers hold the same rule in the database, for any writer: what was paid
-- is never below zero and never above the total plus its cash rounding (a
-- final cash payment pays the rounded amount), and what was refunded never
-- exceeds what was paid.

CREATE TRIGGER "orders_paid_within_total_insert"
BEFORE INSERT ON "orders"
WHEN NEW."paid" < 0 OR NEW."paid" > NEW."total" + NEW."rounding"
     OR NEW."refunded" < 0 OR NEW."refunded" > NEW."paid"
BEGIN
    SELECT RAISE(ABORT, 'order paid outside 0..total: money is recorded only while an order owes it');
END;

CREATE TRIGGER "orders_paid_within_total_update"
BEFORE UPDATE OF "paid", "total", "rounding", "refunded" ON "orders"
WHEN NEW."paid" < 0 OR NEW."paid" > NEW."total" + NEW."rounding"
     OR NEW."refunded" < 0 OR NEW."refunded" > NEW."paid"
BEGIN
    SELECT RAISE(ABORT, 'order paid outside 0..total: money is recorded only while an order owes it');
END;
