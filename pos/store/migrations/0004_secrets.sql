-- Secrets at rest (pos/secrets.py): the gateway's API key and signing secret, a
-- terminal's signing key. Each value is sealed with AES-256-GCM under a data key
-- that is never in this database: it lives in the key file beside the store.
-- The secret's name is the associated data, so a row renamed or copied to
-- another name does not decrypt.

CREATE TABLE "secret" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "key_id" TEXT NOT NULL,            -- which data key of the key file sealed it
    "nonce" BLOB NOT NULL,             -- 12 random bytes, fresh for every write
    "ciphertext" BLOB NOT NULL,        -- AES-GCM output, the 16-byte tag at its end
    "updated_at" INTEGER NOT NULL      -- UTC microseconds
);
