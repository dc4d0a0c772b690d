-- Shifts and who sold what (the staff issue): a shift opens with a float and closes
-- with a count; a Z report numbers the close. Orders and refunds remember the
-- signed-in user and the shift, so reports and drawer counts add up per person.

CREATE TABLE "shift" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "terminal_id" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "opened_by" INTEGER NOT NULL,
    "opened_at" INTEGER NOT NULL,      -- UTC microseconds
    "opening_float" INTEGER NOT NULL,  -- minor units in the drawer at the start
    "closed_by" INTEGER,
    "closed_at" INTEGER,
    "expected" TEXT,                   -- JSON {tender: minor units} at the close
    "counted" TEXT,                    -- JSON {tender: minor units}, and the cash count
    "over_short" INTEGER,              -- counted - expected cash, minor units
    "note" TEXT,
    "z_no" INTEGER,                    -- the Z report's number, per terminal
    FOREIGN KEY ("opened_by") REFERENCES "staff_user" ("id"),
    FOREIGN KEY ("closed_by") REFERENCES "staff_user" ("id")
);

CREATE UNIQUE INDEX "shift_one_open" ON "shift" ("terminal_id") WHERE "closed_at" IS NULL;

CREATE UNIQUE INDEX "shift_z_no" ON "shift" ("terminal_id", "z_no") WHERE "z_no" IS NOT NULL;

CREATE TABLE "cash_movement" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "shift_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL CHECK ("kind" IN ('in', 'out', 'no_sale')),
    "amount" INTEGER NOT NULL,         -- minor units, 0 for a no-sale
    "reason" TEXT,
    "user_id" INTEGER NOT NULL,
    "approval_id" INTEGER,
    "at" INTEGER NOT NULL,
    FOREIGN KEY ("shift_id") REFERENCES "shift" ("id"),
    FOREIGN KEY ("user_id") REFERENCES "staff_user" ("id"),
    FOREIGN KEY ("approval_id") REFERENCES "approval" ("id")
);

CREATE INDEX "cash_movement_shift_id" ON "cash_movement" ("shift_id");

ALTER TABLE "orders" ADD COLUMN "cashier_id" INTEGER REFERENCES "staff_user" ("id");

ALTER TABLE "orders" ADD COLUMN "cashier_name" TEXT;

ALTER TABLE "orders" ADD COLUMN "shift_id" INTEGER REFERENCES "shift" ("id");

ALTER TABLE "refund" ADD COLUMN "user_id" INTEGER REFERENCES "staff_user" ("id");

ALTER TABLE "refund" ADD COLUMN "approval_id" INTEGER REFERENCES "approval" ("id");

CREATE INDEX "orders_shift_id" ON "orders" ("shift_id");
