-- The first schema of the store. Frozen: later changes go in new files.

CREATE TABLE "setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

CREATE TABLE "tax_class" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "rate_ppm" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "tax_class_code" ON "tax_class" ("code");

CREATE TABLE "category" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL
);

CREATE UNIQUE INDEX "category_name" ON "category" ("name");

CREATE TABLE "product" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_key" TEXT NOT NULL,
    "price" INTEGER NOT NULL,
    "tax_class_id" INTEGER NOT NULL,
    "category_id" INTEGER,
    "unit" TEXT NOT NULL,
    "active" INTEGER NOT NULL,
    "stock" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    FOREIGN KEY ("tax_class_id") REFERENCES "tax_class" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("category_id") REFERENCES "category" ("id") ON DELETE SET NULL
);

CREATE UNIQUE INDEX "product_sku" ON "product" ("sku");

CREATE INDEX "product_name_key" ON "product" ("name_key");

CREATE INDEX "product_tax_class_id" ON "product" ("tax_class_id");

CREATE INDEX "product_category_id" ON "product" ("category_id");

CREATE TABLE "barcode" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "product_id" INTEGER NOT NULL,
    FOREIGN KEY ("product_id") REFERENCES "product" ("id") ON DELETE CASCADE
);

CREATE INDEX "barcode_product_id" ON "barcode" ("product_id");

CREATE TABLE "customer" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "name_key" TEXT NOT NULL,
    "phone" TEXT,
    "email" TEXT,
    "address" TEXT,
    "created_at" INTEGER NOT NULL
);

CREATE INDEX "customer_name_key" ON "customer" ("name_key");

CREATE INDEX "customer_phone" ON "customer" ("phone");

CREATE TABLE "parked_cart" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "terminal_id" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL
);

CREATE TABLE "receipt_counter" (
    "terminal_id" TEXT NOT NULL PRIMARY KEY,
    "last_no" INTEGER NOT NULL
);

CREATE TABLE "orders" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "uuid" TEXT NOT NULL,
    "terminal_id" TEXT NOT NULL,
    "receipt_no" INTEGER,
    "status" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "customer_id" INTEGER,
    "ship_later" INTEGER NOT NULL,
    "delivery_address" TEXT,
    "subtotal" INTEGER NOT NULL,
    "discount" INTEGER NOT NULL,
    "tax" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "rounding" INTEGER NOT NULL,
    "paid" INTEGER NOT NULL,
    "refunded" INTEGER NOT NULL,
    "tax_mode" TEXT NOT NULL,
    "note" TEXT,
    "created_at" INTEGER NOT NULL,
    "paid_at" INTEGER,
    "shipped_at" INTEGER,
    "completed_at" INTEGER,
    "cancelled_at" INTEGER,
    FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE SET NULL
);

CREATE UNIQUE INDEX "orders_uuid" ON "orders" ("uuid");

CREATE INDEX "orders_customer_id" ON "orders" ("customer_id");

CREATE UNIQUE INDEX "orders_terminal_id_receipt_no" ON "orders" ("terminal_id", "receipt_no");

CREATE INDEX "orders_created_at_id" ON "orders" ("created_at", "id");

CREATE INDEX "orders_status_created_at_id" ON "orders" ("status", "created_at", "id");

CREATE INDEX "orders_total_id" ON "orders" ("total", "id");

CREATE TABLE "order_line" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "order_id" INTEGER NOT NULL,
    "line_no" INTEGER NOT NULL,
    "product_id" INTEGER,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit_price" INTEGER NOT NULL,
    "list_price" INTEGER NOT NULL,
    "override_reason" TEXT,
    "discount" INTEGER NOT NULL,
    "tax_code" TEXT NOT NULL,
    "tax_rate_ppm" INTEGER NOT NULL,
    "net" INTEGER NOT NULL,
    "tax" INTEGER NOT NULL,
    "gross" INTEGER NOT NULL,
    "refunded_quantity" INTEGER NOT NULL,
    FOREIGN KEY ("order_id") REFERENCES "orders" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("product_id") REFERENCES "product" ("id") ON DELETE SET NULL
);

CREATE INDEX "order_line_order_id" ON "order_line" ("order_id");

CREATE INDEX "order_line_product_id" ON "order_line" ("product_id");

CREATE UNIQUE INDEX "order_line_order_id_line_no" ON "order_line" ("order_id", "line_no");

CREATE TABLE "payment" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "order_id" INTEGER NOT NULL,
    "tender" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "fee" INTEGER NOT NULL,
    "net" INTEGER NOT NULL,
    "tendered" INTEGER,
    "change" INTEGER NOT NULL,
    "gateway_ref" TEXT,
    "card_brand" TEXT,
    "card_last4" TEXT,
    "idempotency_key" TEXT,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    FOREIGN KEY ("order_id") REFERENCES "orders" ("id") ON DELETE CASCADE
);

CREATE INDEX "payment_order_id" ON "payment" ("order_id");

CREATE UNIQUE INDEX "payment_idempotency_key" ON "payment" ("idempotency_key");

CREATE TABLE "order_event" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "order_id" INTEGER NOT NULL,
    "at" INTEGER NOT NULL,
    "from_status" TEXT,
    "to_status" TEXT NOT NULL,
    "note" TEXT,
    FOREIGN KEY ("order_id") REFERENCES "orders" ("id") ON DELETE CASCADE
);

CREATE INDEX "order_event_order_id" ON "order_event" ("order_id");

CREATE TABLE "refund" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "order_id" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    "tender" TEXT NOT NULL,
    "reason" TEXT,
    "restock" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    FOREIGN KEY ("order_id") REFERENCES "orders" ("id") ON DELETE CASCADE
);

CREATE INDEX "refund_order_id" ON "refund" ("order_id");

CREATE TABLE "refund_line" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "refund_id" INTEGER NOT NULL,
    "order_line_id" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    FOREIGN KEY ("refund_id") REFERENCES "refund" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("order_line_id") REFERENCES "order_line" ("id") ON DELETE CASCADE
);

CREATE INDEX "refund_line_refund_id" ON "refund_line" ("refund_id");

CREATE INDEX "refund_line_order_line_id" ON "refund_line" ("order_line_id");
