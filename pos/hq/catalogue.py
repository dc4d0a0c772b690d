"""What head office owns and the tills download: each store's tax classes and products,
and the staff (with their PIN hashes, never PINs).

Every write takes `pos.hq.admin.lock` for its transaction, so change seqs commit in order and a
till that reads "what changed since N" never steps past a change that commits later.
`changes` reads one page of them for a terminal.
"""

from __future__ import annotations

from pathlib import Path

import psycopg

from pos.catalogue.csvio import CsvRejected, ProductSnapshot, plan_products_import
from pos.errors import InputError
from pos.hq.admin import find_store, lock
from pos.staff.users import ROLES, ScryptParams, checked_name, new_secret

PAGE = 1000


def import_products(conn: psycopg.Connection, store: str, path: Path, *,
                    skip_bad: bool = False, encoding: str | None = None) -> tuple[int, int]:
    """Products from a CSV file in the till's format into a store's catalogue, checked as
    the till checks them (`pos.catalogue.csvio`); (rows imported, rows refused). A file
    with a bad row imports nothing unless `skip_bad`."""
    store_id = find_store(conn, store)
    currency, locale = conn.execute("SELECT currency, locale FROM store WHERE id = %s",
                                    (store_id,)).fetchone()
    classes = {code: n for n, (code,) in enumerate(conn.execute(
        "SELECT code FROM tax_class WHERE store_id = %s", (store_id,)).fetchall())}
    plan = plan_products_import(path, ProductSnapshot(currency, locale, classes),
                                encoding=encoding)
    if plan.errors and not skip_bad:
        raise CsvRejected(path, plan.rejected)
    barcodes = {code: row.data.sku for row in plan.accepted for code in row.data.barcodes}
    with conn.transaction():
        lock(conn)
        taken = conn.execute(
            "SELECT code, sku FROM product, unnest(barcodes) code WHERE store_id = %s "
            "AND code = ANY(%s)", (store_id, list(barcodes))).fetchall()
        clashes = [(code, sku) for code, sku in taken if barcodes[code] != sku]
        if clashes:
            code, sku = clashes[0]
            raise InputError(f"The barcode {code} already belongs to product {sku}; nothing "
                             "was imported.")
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO product (store_id, sku, name, price, tax_code, category, unit, "
                "barcodes, active) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) "
                "ON CONFLICT (store_id, sku) DO UPDATE SET name = excluded.name, "
                "price = excluded.price, tax_code = excluded.tax_code, "
                "category = excluded.category, unit = excluded.unit, "
                "barcodes = excluded.barcodes, active = excluded.active",
                [(store_id, r.data.sku, r.data.name, r.data.price.minor, r.data.tax_class,
                  r.data.category, r.data.unit, list(r.data.barcodes), r.data.active)
                 for r in plan.accepted])
    if len(plan.accepted) >= 10_000:  # fresh statistics, or the tills' pages are read
        conn.execute("ANALYZE product")  # by a plan made for a small table until autovacuum
    return len(plan.accepted), len(plan.errors)


def set_price(conn: psycopg.Connection, store: str, sku: str, price: int) -> None:
    """One product's price (minor units of the store's currency)."""
    store_id = find_store(conn, store)
    with conn.transaction():
        lock(conn)
        if not conn.execute("UPDATE product SET price = %s WHERE store_id = %s AND sku = %s",
                            (price, store_id, sku)).rowcount:
            raise InputError(f"Store {store} has no product {sku}.")


def add_user(conn: psycopg.Connection, name: str, role: str, *, pin: str | None = None,
             password: str | None = None, store: str | None = None,
             params: ScryptParams | None = None) -> int:
    """A user every till of `store` (or of every store) can sign in as; the PIN is hashed
    here and only the hash travels."""
    name, key = checked_name(name)
    if role not in ROLES:
        raise InputError(f"{role!r} is not a role: use cashier, supervisor or manager.")
    store_id = find_store(conn, store) if store else None
    fields = new_secret(pin, password, params)
    with conn.transaction():
        lock(conn)
        if conn.execute("SELECT 1 FROM staff_user WHERE name_key = %s", (key,)).fetchone():
            raise InputError(f"There is already a user named {name}; choose another name.")
        return conn.execute(
            "INSERT INTO staff_user (store_id, name, name_key, role, secret_kind, salt, hash, "
            "scrypt_n, scrypt_r, scrypt_p) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
            "RETURNING id", (store_id, name, key, role, fields["secret_kind"], fields["salt"],
                             fields["hash"], fields["scrypt_n"], fields["scrypt_r"],
                             fields["scrypt_p"])).fetchone()[0]


def set_user_disabled(conn: psycopg.Connection, name: str, disabled: bool) -> None:
    """Disabled at head office means disabled on every till at its next sync."""
    _, key = checked_name(name)
    with conn.transaction():
        lock(conn)
        if not conn.execute("UPDATE staff_user SET disabled = %s WHERE name_key = %s",
                            (disabled, key)).rowcount:
            raise InputError(f"There is no user {name}.")


def changes(conn: psycopg.Connection, store_id: str, after: int,
            limit: int = PAGE) -> tuple[list[dict], int, bool]:
    """The store's tax classes, products, users, settings and the chain's customers
    changed after seq `after`, in seq order (at most `limit`); (changes, the last seq in
    them or `after`, whether more follow)."""
    # each kind's first rows by its own index, then the first of those; the documents are
    # built only for the rows taken (building them for everything after `after` made a
    # 1,000,000-product download quadratic: 1.4 s a page halfway through)
    rows = conn.execute(
        "SELECT change_seq, kind, doc FROM ("
        " SELECT change_seq, 'tax_class' AS kind, jsonb_build_object('code', code, 'name', "
        "  name, 'rate_ppm', rate_ppm) AS doc FROM (SELECT * FROM tax_class"
        "  WHERE store_id = %(store)s AND change_seq > %(after)s"
        "  ORDER BY change_seq LIMIT %(limit)s) t"
        " UNION ALL SELECT change_seq, 'product', jsonb_build_object('sku', sku, 'name', name,"
        "  'price', price, 'tax_code', tax_code, 'category', category, 'unit', unit,"
        "  'barcodes', to_jsonb(barcodes), 'active', active) FROM (SELECT * FROM product"
        "  WHERE store_id = %(store)s AND change_seq > %(after)s"
        "  ORDER BY change_seq LIMIT %(limit)s) p"
        " UNION ALL SELECT change_seq, 'user', jsonb_build_object('name', name, 'role', role,"
        "  'secret_kind', secret_kind, 'salt', encode(salt, 'hex'), 'hash', encode(hash, "
        "  'hex'), 'scrypt_n', scrypt_n, 'scrypt_r', scrypt_r, 'scrypt_p', scrypt_p,"
        "  'disabled', disabled) FROM (SELECT * FROM staff_user"
        "  WHERE (store_id IS NULL OR store_id = %(store)s) AND change_seq > %(after)s"
        "  ORDER BY change_seq LIMIT %(limit)s) u"
        " UNION ALL SELECT change_seq, 'setting', jsonb_build_object('key', key, 'value', "
        "  value) FROM (SELECT * FROM store_setting WHERE store_id = %(store)s"
        "  AND change_seq > %(after)s ORDER BY change_seq LIMIT %(limit)s) s"
        " UNION ALL SELECT change_seq, 'customer', jsonb_build_object('uuid', uuid, 'name',"
        "  name, 'phone', phone, 'email', email, 'address', address, 'created_at', "
        f"  {_MICROS.format('created_at')}, 'updated_at', {_MICROS.format('updated_at')})"
        "  FROM (SELECT * FROM customer WHERE change_seq > %(after)s"
        "  ORDER BY change_seq LIMIT %(limit)s) c"
        ") c ORDER BY change_seq LIMIT %(limit)s",
        {"store": store_id, "after": after, "limit": limit + 1}).fetchall()
    more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1][0] if rows else after
    return [{"kind": kind, "doc": doc} for _, kind, doc in rows], last, more


def head(conn: psycopg.Connection, store_id: str) -> int:
    """The latest change seq a till of the store downloads: with where it stands, how
    far a download has to go (its progress bar)."""
    return conn.execute(
        "SELECT greatest((SELECT max(change_seq) FROM tax_class WHERE store_id = %(s)s),"
        " (SELECT max(change_seq) FROM product WHERE store_id = %(s)s),"
        " (SELECT max(change_seq) FROM staff_user WHERE store_id IS NULL OR store_id = %(s)s),"
        " (SELECT max(change_seq) FROM store_setting WHERE store_id = %(s)s),"
        " (SELECT max(change_seq) FROM customer), 0)", {"s": store_id}).fetchone()[0]


_MICROS = "(extract(epoch FROM {}) * 1000000)::bigint"  # the till's UTC microseconds
