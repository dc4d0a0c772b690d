-- Staff, approvals and the tamper-evident audit journal (pos/staff.py, pos/journal.py).
-- A PIN or password is kept only as an scrypt hash with its own salt and cost
-- parameters, so the cost can be raised later user by user. A lock after five
-- wrong tries is a time in the row, so it outlasts a restart.

CREATE TABLE "staff_user" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "name_key" TEXT NOT NULL,          -- NFKC, case-folded: names are unique ignoring case
    "role" TEXT NOT NULL CHECK ("role" IN ('cashier', 'supervisor', 'manager')),
    "secret_kind" TEXT NOT NULL CHECK ("secret_kind" IN ('pin', 'password')),
    "salt" BLOB NOT NULL,              -- 16 random bytes, fresh for every PIN or password
    "hash" BLOB NOT NULL,              -- scrypt output, 32 bytes
    "scrypt_n" INTEGER NOT NULL,
    "scrypt_r" INTEGER NOT NULL,
    "scrypt_p" INTEGER NOT NULL,
    "failed_attempts" INTEGER NOT NULL DEFAULT 0,
    "locked_until" INTEGER,            -- UTC microseconds; NULL when not locked
    "disabled" INTEGER NOT NULL DEFAULT 0,
    "created_at" INTEGER NOT NULL      -- UTC microseconds
);

CREATE UNIQUE INDEX "staff_user_name_key" ON "staff_user" ("name_key");

-- A supervisor's or manager's PIN given on the spot for an action the user lacks.
CREATE TABLE "approval" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "at" INTEGER NOT NULL,             -- UTC microseconds
    "action" TEXT NOT NULL,            -- void, refund, price_override, ...
    "user_id" INTEGER NOT NULL,        -- for whom
    "approver_id" INTEGER NOT NULL,    -- who approved
    FOREIGN KEY ("user_id") REFERENCES "staff_user" ("id"),
    FOREIGN KEY ("approver_id") REFERENCES "staff_user" ("id")
);

CREATE INDEX "approval_at" ON "approval" ("at");

-- The audit journal: a hash chain of entries, each signed with the terminal's
-- Ed25519 key. The encoding hashed and signed is described in pos/journal.py.
CREATE TABLE "journal_entry" (
    "seq" INTEGER NOT NULL PRIMARY KEY, -- 1, 2, 3, ... without gaps
    "at" INTEGER NOT NULL,             -- UTC microseconds
    "kind" TEXT NOT NULL,
    "user_id" INTEGER,                 -- who acted; no foreign key, so no row can hold it back
    "data" TEXT NOT NULL,              -- canonical JSON, hashed exactly as stored
    "prev_hash" BLOB NOT NULL,         -- the previous entry's hash (32 zero bytes for seq 1)
    "hash" BLOB NOT NULL,              -- SHA-256, 32 bytes
    "signature" BLOB NOT NULL,         -- Ed25519, 64 bytes
    "key_id" TEXT NOT NULL
);

-- The public halves of the terminal's signing keys: verifying needs no secret.
-- key_id is the fingerprint of the key, so a swapped key shows.
CREATE TABLE "journal_key" (
    "key_id" TEXT NOT NULL PRIMARY KEY,
    "public_key" TEXT NOT NULL,        -- base64 of the 32 raw bytes
    "created_at" INTEGER NOT NULL
);

-- The chain's head, rewritten with every entry and signed on its own, so deleting
-- the last entries shows.
CREATE TABLE "journal_head" (
    "id" INTEGER NOT NULL PRIMARY KEY CHECK ("id" = 1),
    "seq" INTEGER NOT NULL,
    "hash" BLOB NOT NULL,
    "key_id" TEXT NOT NULL,
    "signature" BLOB NOT NULL
);
