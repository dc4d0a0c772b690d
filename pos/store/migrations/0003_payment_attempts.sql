-- Card payments through a gateway, exactly once (docs/GATEWAY.md, pos/payments.py).
-- An attempt is committed before the gateway is asked, with the key every
-- retry sends; its result is written after. Reconciliation finishes the
-- attempts left pending or unknown by a crash or a lost answer.

CREATE TABLE "payment_attempt" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "order_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,              -- charge, void or refund
    "gateway" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "card_token" TEXT,                 -- the reader's token, kept to forward a stored payment
    "status" TEXT NOT NULL,            -- pending, approved, declined, failed, unknown,
                                       -- stored_offline, abandoned (void it if it went through)
    "gateway_ref" TEXT,
    "card_brand" TEXT,
    "card_last4" TEXT,
    "fee" INTEGER,
    "decline_code" TEXT,
    "message" TEXT,
    "payment_id" INTEGER,              -- the payment it became (charge) or reverses
    "refund_id" INTEGER,
    "tries" INTEGER NOT NULL DEFAULT 0,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "finished_at" INTEGER,
    FOREIGN KEY ("order_id") REFERENCES "orders" ("id"),
    FOREIGN KEY ("payment_id") REFERENCES "payment" ("id"),
    FOREIGN KEY ("refund_id") REFERENCES "refund" ("id")
);

CREATE UNIQUE INDEX "payment_attempt_idempotency_key" ON "payment_attempt" ("idempotency_key");

CREATE INDEX "payment_attempt_order_id" ON "payment_attempt" ("order_id");

CREATE INDEX "payment_attempt_open" ON "payment_attempt" ("status")
    WHERE "status" IN ('pending', 'unknown', 'abandoned', 'stored_offline');

-- What has been given back of a payment (card refunds go back to the charge).
ALTER TABLE "payment" ADD COLUMN "refunded" INTEGER NOT NULL DEFAULT 0;
