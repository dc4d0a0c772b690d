-- Split refunds (issue 10, finding 4): a refund goes back to the payments it draws
-- on, one part per payment, each with its own tender.
--
-- Before this a refund had one tender, the sale's first payment's, so a split sale
-- (card + cash) refunded in full was booked entirely to one tender, even a voided
-- card, and the drawer's expected cash, the Z report and sales by tender were wrong.
-- `pos.orders.refund` now writes one `refund_part` per payment (what it gives back to
-- that payment, never more than the payment still holds) and raises the payment's
-- `refunded` for cash as for card; `refund.tender` is the one tender, or 'split'.

CREATE TABLE "refund_part" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "refund_id" INTEGER NOT NULL,
    "payment_id" INTEGER NOT NULL,
    "tender" TEXT NOT NULL,
    "amount" INTEGER NOT NULL CHECK ("amount" > 0),
    FOREIGN KEY ("refund_id") REFERENCES "refund" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("payment_id") REFERENCES "payment" ("id") ON DELETE CASCADE
);

CREATE INDEX "refund_part_refund_id" ON "refund_part" ("refund_id");

CREATE INDEX "refund_part_payment_id" ON "refund_part" ("payment_id");

-- Refunds saved before this version, as well as they can be told apart.
-- 1. The card parts the gateway was asked for: one refund attempt per card payment
--    (a refused attempt gave nothing back to the card).
INSERT INTO "refund_part" ("refund_id", "payment_id", "tender", "amount")
SELECT "refund_id", "payment_id", 'card', "amount" FROM "payment_attempt"
WHERE "kind" = 'refund' AND "refund_id" IS NOT NULL AND "payment_id" IS NOT NULL
  AND "amount" > 0 AND "status" NOT IN ('declined', 'failed')
ORDER BY "id";

-- 2. The rest of each refund went back from the drawer when the gateway took a card
--    part (cash, if the sale had a cash payment), else to the tender the refund was
--    booked to; a payment that brought money in is preferred to a voided one.
INSERT INTO "refund_part" ("refund_id", "payment_id", "tender", "amount")
WITH "rest" AS (
    SELECT r."id" AS "refund_id", r."order_id",
           r."amount" - coalesce((SELECT sum(y."amount") FROM "refund_part" y
                                  WHERE y."refund_id" = r."id"), 0) AS "amount",
           CASE WHEN EXISTS (SELECT 1 FROM "payment_attempt" a
                             WHERE a."refund_id" = r."id" AND a."kind" = 'refund')
                THEN 'cash' ELSE r."tender" END AS "prefer"
    FROM "refund" r
), "ranked" AS (
    SELECT w."refund_id", q."id" AS "payment_id", q."tender", w."amount",
           row_number() OVER (PARTITION BY w."refund_id"
                              ORDER BY q."status" NOT IN ('voided', 'declined', 'failed') DESC,
                                       q."tender" = w."prefer" DESC, q."id") AS "n"
    FROM "rest" w JOIN "payment" q ON q."order_id" = w."order_id"
    WHERE w."amount" > 0
)
SELECT "refund_id", "payment_id", "tender", "amount" FROM "ranked" WHERE "n" = 1
ORDER BY "refund_id";

-- 3. What each payment has given back follows its parts (cash never kept it before).
UPDATE "payment" SET "refunded" = max("refunded", min("amount", (
    SELECT sum(x."amount") FROM "refund_part" x WHERE x."payment_id" = "payment"."id")))
WHERE "id" IN (SELECT "payment_id" FROM "refund_part");

UPDATE "payment"
SET "status" = CASE WHEN "refunded" >= "amount" THEN 'refunded' ELSE 'partially_refunded' END
WHERE "refunded" > 0 AND "status" = 'approved';

-- A payment never gives back more than it took, for any writer.
CREATE TRIGGER "payment_refunded_within_amount_update"
BEFORE UPDATE OF "refunded", "amount" ON "payment"
WHEN NEW."refunded" < 0 OR NEW."refunded" > NEW."amount"
BEGIN
    SELECT RAISE(ABORT, 'payment refunded outside 0..amount: a refund gives back at most what a payment took');
END;

CREATE TRIGGER "payment_refunded_within_amount_insert"
BEFORE INSERT ON "payment"
WHEN NEW."refunded" < 0 OR NEW."refunded" > NEW."amount"
BEGIN
    SELECT RAISE(ABORT, 'payment refunded outside 0..amount: a refund gives back at most what a payment took');
END;
