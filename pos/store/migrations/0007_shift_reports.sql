-- Shifts, continued (the staff issue): the Z report as saved at the close, and the
-- shift whose drawer paid each refund out.
--
-- A refund belongs to the shift open on the terminal that made it, not to the
-- order's shift: refunding last week's sale takes cash out of today's drawer. The
-- refund service records it, so a clock set back or a refund of another terminal's
-- order cannot move money into the wrong drawer count.

ALTER TABLE "shift" ADD COLUMN "report" TEXT;  -- JSON of the Z report, as printed

ALTER TABLE "refund" ADD COLUMN "shift_id" INTEGER REFERENCES "shift" ("id");

CREATE INDEX "refund_shift_id" ON "refund" ("shift_id");
