-- Customers and store settings, owned here and sent down to every till (issue 14).
--
-- A customer is one row by its id (made on the till where it was first entered),
-- whichever tills entered or changed it: the latest change by the tills' clocks wins,
-- ties going to the higher terminal id, so every till ends with the same customer. The
-- per-terminal copies of version 1 carried no id; tills send every customer again after
-- their own migration 0011, so that table goes.
--
-- A store's settings (its name, address, receipts, quick keys, rounding...) are kept as
-- key and value, checked as the till checks them; terminal settings (printer, gateway)
-- stay on each till. Both carry `change_seq` like the catalogue (migration 0002).
--
-- A store's time zone (an IANA name PostgreSQL knows) says where its days begin, for the
-- reports by day and the --since/--until dates.

DROP TABLE till_customer;

ALTER TABLE store ADD COLUMN timezone TEXT NOT NULL DEFAULT 'UTC';

CREATE TABLE customer (
    uuid TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    phone TEXT,
    email TEXT,
    address TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    store_id TEXT NOT NULL,              -- the terminal whose change this is
    terminal_id TEXT NOT NULL,
    change_seq BIGINT NOT NULL,
    FOREIGN KEY (store_id, terminal_id) REFERENCES terminal (store_id, terminal_id)
);

CREATE INDEX customer_changes ON customer (change_seq);

CREATE TRIGGER customer_change BEFORE INSERT OR UPDATE ON customer
    FOR EACH ROW EXECUTE FUNCTION next_change();

ALTER TABLE sale ADD COLUMN customer_uuid TEXT;

CREATE TABLE store_setting (
    store_id TEXT NOT NULL REFERENCES store (id),
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    change_seq BIGINT NOT NULL,
    PRIMARY KEY (store_id, key)
);

CREATE INDEX store_setting_changes ON store_setting (store_id, change_seq);

CREATE TRIGGER store_setting_change BEFORE INSERT OR UPDATE ON store_setting
    FOR EACH ROW EXECUTE FUNCTION next_change();
