-- Head office's schema, version 1 (issue 14). Frozen: a later change is a new file.
--
-- Tills own their sales: each terminal's records arrive through its outbox and are
-- applied once, by (store, terminal, outbox seq); `terminal.acked_seq` is the last seq
-- applied, in the same transaction as the records. Amounts are integer minor units.

CREATE TABLE store (
    id TEXT PRIMARY KEY,                 -- a short random id, printed by `pos hq stores add`
    name TEXT NOT NULL UNIQUE,
    currency TEXT NOT NULL,
    locale TEXT NOT NULL,
    tax_mode TEXT NOT NULL CHECK (tax_mode IN ('inclusive', 'exclusive')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE terminal (
    store_id TEXT NOT NULL REFERENCES store (id),
    terminal_id TEXT NOT NULL,
    code_hash BYTEA,                     -- SHA-256 of the one-time enrollment code
    code_expires_at TIMESTAMPTZ,
    secret TEXT,                         -- the terminal's HMAC key, set at enrollment
    enrolled_at TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ,
    acked_seq BIGINT NOT NULL DEFAULT 0, -- the last outbox seq applied
    last_sync_at TIMESTAMPTZ,
    waiting BIGINT NOT NULL DEFAULT 0,   -- outbox rows the till said it still held
    journal_seq BIGINT NOT NULL DEFAULT 0,
    journal_hash TEXT,
    PRIMARY KEY (store_id, terminal_id)
);

CREATE TABLE sale (
    store_id TEXT NOT NULL,
    terminal_id TEXT NOT NULL,
    uuid TEXT PRIMARY KEY,
    local_id BIGINT NOT NULL,
    receipt_no BIGINT,
    status TEXT NOT NULL,
    currency TEXT NOT NULL,
    subtotal BIGINT NOT NULL,
    discount BIGINT NOT NULL,
    tax BIGINT NOT NULL,
    total BIGINT NOT NULL,
    rounding BIGINT NOT NULL,
    paid BIGINT NOT NULL,
    refunded BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    paid_at TIMESTAMPTZ,
    completed_at TIMESTAMPTZ,
    cancelled_at TIMESTAMPTZ,
    cashier_name TEXT,
    outbox_seq BIGINT NOT NULL,          -- the seq that last brought it
    FOREIGN KEY (store_id, terminal_id) REFERENCES terminal (store_id, terminal_id)
);

CREATE UNIQUE INDEX sale_terminal_local ON sale (store_id, terminal_id, local_id);
CREATE INDEX sale_created ON sale (store_id, created_at);

CREATE TABLE sale_line (
    sale_uuid TEXT NOT NULL REFERENCES sale (uuid) ON DELETE CASCADE,
    line_no INT NOT NULL,
    sku TEXT NOT NULL,
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    quantity BIGINT NOT NULL,
    unit_price BIGINT NOT NULL,
    discount BIGINT NOT NULL,
    tax_code TEXT NOT NULL,
    tax_rate_ppm BIGINT NOT NULL,
    net BIGINT NOT NULL,
    tax BIGINT NOT NULL,
    gross BIGINT NOT NULL,
    refunded_quantity BIGINT NOT NULL,
    PRIMARY KEY (sale_uuid, line_no)
);

CREATE TABLE sale_payment (
    sale_uuid TEXT NOT NULL REFERENCES sale (uuid) ON DELETE CASCADE,
    local_id BIGINT NOT NULL,
    tender TEXT NOT NULL,
    status TEXT NOT NULL,
    amount BIGINT NOT NULL,
    refunded BIGINT NOT NULL,
    fee BIGINT NOT NULL,
    change BIGINT NOT NULL,
    gateway_ref TEXT,
    card_brand TEXT,
    card_last4 TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (sale_uuid, local_id)
);

CREATE TABLE sale_refund (
    sale_uuid TEXT NOT NULL REFERENCES sale (uuid) ON DELETE CASCADE,
    local_id BIGINT NOT NULL,
    amount BIGINT NOT NULL,
    tender TEXT NOT NULL,
    reason TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    parts JSONB NOT NULL,                -- [{"tender": "card", "amount": 100}, ...]
    PRIMARY KEY (sale_uuid, local_id)
);

CREATE TABLE till_shift (
    store_id TEXT NOT NULL,
    terminal_id TEXT NOT NULL,
    local_id BIGINT NOT NULL,
    doc JSONB NOT NULL,                  -- the shift and its cash movements, as the till has them
    outbox_seq BIGINT NOT NULL,
    PRIMARY KEY (store_id, terminal_id, local_id),
    FOREIGN KEY (store_id, terminal_id) REFERENCES terminal (store_id, terminal_id)
);

CREATE TABLE till_customer (
    store_id TEXT NOT NULL,
    terminal_id TEXT NOT NULL,
    local_id BIGINT NOT NULL,
    doc JSONB NOT NULL,
    outbox_seq BIGINT NOT NULL,
    PRIMARY KEY (store_id, terminal_id, local_id),
    FOREIGN KEY (store_id, terminal_id) REFERENCES terminal (store_id, terminal_id)
);

-- Each terminal's audit journal as it arrives, checked link by link: a second anchor
-- against a till whose journal was wiped or rolled back.
CREATE TABLE journal_entry (
    store_id TEXT NOT NULL,
    terminal_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    at TIMESTAMPTZ NOT NULL,
    kind TEXT NOT NULL,
    data TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    signature TEXT NOT NULL,
    key_id TEXT NOT NULL,
    PRIMARY KEY (store_id, terminal_id, seq),
    FOREIGN KEY (store_id, terminal_id) REFERENCES terminal (store_id, terminal_id)
);
