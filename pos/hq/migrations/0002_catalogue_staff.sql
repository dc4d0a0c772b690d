-- Head office owns the catalogue and the staff (issue 14): what the tills download.
--
-- Every row carries `change_seq`, set from one sequence on each insert and update, so a
-- till asks for "what changed since N" across every kind at once and applies it in
-- order. Writers take one advisory lock (`pos.hq.catalogue.WRITE_LOCK`) for their whole
-- transaction, so seqs commit in order and a till reading meanwhile can never step past
-- a seq that commits later. A store's catalogue (tax classes, products, barcodes, prices in its currency)
-- is its own; a user belongs to one store or (store_id NULL) to all. Only PIN and
-- password hashes are kept and sent (scrypt, salted), never a PIN.

CREATE SEQUENCE change_seq;

CREATE FUNCTION next_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.change_seq := nextval('change_seq');
    RETURN NEW;
END $$;

CREATE TABLE tax_class (
    store_id TEXT NOT NULL REFERENCES store (id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    rate_ppm BIGINT NOT NULL CHECK (rate_ppm BETWEEN 0 AND 1000000),
    change_seq BIGINT NOT NULL,
    PRIMARY KEY (store_id, code)
);

CREATE TABLE product (
    store_id TEXT NOT NULL REFERENCES store (id),
    sku TEXT NOT NULL,
    name TEXT NOT NULL,
    price BIGINT NOT NULL CHECK (price >= 0),
    tax_code TEXT NOT NULL,
    category TEXT,
    unit TEXT NOT NULL CHECK (unit IN ('each', 'weight')),
    barcodes TEXT[] NOT NULL DEFAULT '{}',
    active BOOLEAN NOT NULL DEFAULT true,
    change_seq BIGINT NOT NULL,
    PRIMARY KEY (store_id, sku),
    FOREIGN KEY (store_id, tax_code) REFERENCES tax_class (store_id, code)
);

CREATE INDEX product_changes ON product (store_id, change_seq);

CREATE TABLE staff_user (
    id BIGSERIAL PRIMARY KEY,
    store_id TEXT REFERENCES store (id),   -- NULL: the user works in every store
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,         -- NFKC, case-folded, as at the till
    role TEXT NOT NULL CHECK (role IN ('cashier', 'supervisor', 'manager')),
    secret_kind TEXT NOT NULL CHECK (secret_kind IN ('pin', 'password')),
    salt BYTEA NOT NULL,
    hash BYTEA NOT NULL,
    scrypt_n INT NOT NULL,
    scrypt_r INT NOT NULL,
    scrypt_p INT NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT false,
    change_seq BIGINT NOT NULL
);

CREATE TRIGGER tax_class_change BEFORE INSERT OR UPDATE ON tax_class
    FOR EACH ROW EXECUTE FUNCTION next_change();
CREATE TRIGGER product_change BEFORE INSERT OR UPDATE ON product
    FOR EACH ROW EXECUTE FUNCTION next_change();
CREATE TRIGGER staff_user_change BEFORE INSERT OR UPDATE ON staff_user
    FOR EACH ROW EXECUTE FUNCTION next_change();
