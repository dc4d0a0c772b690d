"""Applying what head office changed (tax classes, products, staff, store settings,
customers) at the till: one page in one transaction, with the cursor
(`sync_state.changes_seq`), so a page is applied whole or not at all and a page asked for
again is applied the same way. While it applies, `sync_state.applying` keeps the customer
triggers from sending what came down back up (migration 0011).

Head office owns these once the till is enrolled: its price is the price; the till keeps
only its own stock count. A user arrives with the hash of their PIN, never the PIN, and
each change of a user or a setting is journalled at the till as it would be if made
there. A customer changed here after head office's copy keeps the change: it goes up,
and head office sends the merged customer back down.

Products are applied in bulk, a run of them at a time (a new till receives a million):
checked as `save_product` checks them, staged in a temporary table, then moved with one
upsert, so the search index (FTS5, kept by the product triggers of migration 0002) takes
the run in one statement rather than a million tiny ones. An unchanged product is left
alone; a barcode head office moved to another product leaves the one that had it.
"""

from __future__ import annotations

from pos.catalogue.customers import CustomerInput, phone_digits
from pos.catalogue.products import ProductInput, ensure_tax_class
from pos.catalogue.textkey import fold
from pos.errors import InputError
from pos.money import Money
from pos.settings import load_settings, save_settings
from pos.staff.users import User, checked_name
from pos.store import journal
from pos.store.db import database, translate_errors
from pos.store.models import Customer, to_micros, utcnow


def apply_page(changes: list[dict], last: int) -> int:
    """Apply one page of changes and move the cursor to `last`; how many were applied."""
    currency = load_settings().currency
    with translate_errors(), database.atomic():
        database.execute_sql("UPDATE sync_state SET applying = 1")
        products: list[dict] = []
        for change in changes:
            kind, doc = change["kind"], change["doc"]
            if kind == "product":
                products.append(doc)
                continue
            _products(products, currency)  # what came before, in order
            products = []
            if kind == "tax_class":
                ensure_tax_class(doc["code"], doc["name"], int(doc["rate_ppm"]))
            elif kind == "user":
                _user(doc)
            elif kind == "setting":
                save_settings(**{doc["key"]: doc["value"]})
            elif kind == "customer":
                _customer(doc)
        _products(products, currency)
        database.execute_sql("UPDATE sync_state SET changes_seq = max(changes_seq, ?), "
                             "applying = 0", (last,))
    return len(changes)


def changes_seq() -> int:
    with translate_errors():
        row = database.execute_sql("SELECT changes_seq FROM sync_state").fetchone()
    return row[0] if row else 0


_STAGE = ("CREATE TEMP TABLE IF NOT EXISTS sync_product (sku TEXT PRIMARY KEY, name TEXT, "
          "name_key TEXT, price INTEGER, tax_class_id INTEGER, category_id INTEGER, "
          "unit TEXT, active INTEGER)",
          "CREATE TEMP TABLE IF NOT EXISTS sync_barcode (code TEXT, sku TEXT)")
_CHANGED = ("name", "name_key", "price", "tax_class_id", "category_id", "unit", "active")
# stock is the till's own: a new product starts at 0, an existing one keeps its count
_UPSERT = (
    "INSERT INTO product (sku, name, name_key, price, tax_class_id, category_id, unit, "
    "active, stock, updated_at) SELECT sku, name, name_key, price, tax_class_id, "
    "category_id, unit, active, 0, ? FROM temp.sync_product WHERE true "
    "ON CONFLICT (sku) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in (*_CHANGED, "updated_at"))
    + " WHERE " + " OR ".join(f"product.{c} IS NOT excluded.{c}" for c in _CHANGED))


def _products(docs: list[dict], currency: str) -> None:
    """A run of products from head office, in bulk (the module docstring)."""
    if not docs:
        return
    checked: dict[str, ProductInput] = {}
    for doc in docs:  # checked as save_product checks; a later one of a SKU wins
        data = ProductInput(doc["sku"], doc["name"], Money(int(doc["price"]), currency),
                            doc["tax_code"], doc.get("category"), doc["unit"],
                            tuple(doc.get("barcodes") or ()), bool(doc["active"])).validated()
        checked.pop(data.sku, None)
        checked[data.sku] = data
    classes = dict(database.execute_sql("SELECT code, id FROM tax_class").fetchall())
    for data in checked.values():
        if data.tax_class not in classes:
            raise InputError(f"There is no tax class {data.tax_class!r}.")
    categories = _categories({d.category for d in checked.values() if d.category})
    cursor = database.cursor()
    for sql in _STAGE:
        cursor.execute(sql)
    cursor.execute("DELETE FROM temp.sync_product")
    cursor.execute("DELETE FROM temp.sync_barcode")
    cursor.executemany(
        "INSERT INTO temp.sync_product VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(d.sku, d.name, fold(d.name), d.price.minor, classes[d.tax_class],
          categories[d.category] if d.category else None, d.unit, int(d.active))
         for d in checked.values()])
    # in page order: a code listed twice goes to the later product, as one by one
    cursor.executemany("INSERT INTO temp.sync_barcode VALUES (?, ?)",
                       [(code, d.sku) for d in checked.values() for code in d.barcodes])
    cursor.execute(_UPSERT, (to_micros(utcnow()),))
    # each product's barcodes become the ones listed, taken from whoever had them
    cursor.execute("DELETE FROM barcode WHERE product_id IN (SELECT p.id FROM "
                   "temp.sync_product s JOIN product p ON p.sku = s.sku)")
    cursor.execute("DELETE FROM barcode WHERE code IN (SELECT code FROM temp.sync_barcode)")
    cursor.execute("INSERT OR REPLACE INTO barcode (code, product_id) SELECT b.code, p.id "
                   "FROM temp.sync_barcode b JOIN product p ON p.sku = b.sku ORDER BY b.rowid")


def _categories(names: set[str]) -> dict[str, int]:
    """Ids of the named categories, creating the missing ones."""
    found = dict(database.execute_sql("SELECT name, id FROM category").fetchall())
    for name in sorted(names - found.keys()):
        found[name] = database.execute_sql("INSERT INTO category (name) VALUES (?)",
                                           (name,)).lastrowid
    return found


def _user(doc: dict) -> None:
    name, key = checked_name(doc["name"])
    fields = {"role": doc["role"], "secret_kind": doc["secret_kind"],
              "salt": bytes.fromhex(doc["salt"]), "hash": bytes.fromhex(doc["hash"]),
              "scrypt_n": int(doc["scrypt_n"]), "scrypt_r": int(doc["scrypt_r"]),
              "scrypt_p": int(doc["scrypt_p"]), "disabled": bool(doc["disabled"])}
    user = User.get_or_none(User.name_key == key)
    if user is None:
        user = User.create(name=name, name_key=key, created_at=utcnow(), **fields)
        journal.append("user_add", {"user_id": user.id, "name": name, "role": doc["role"],
                                    "secret_kind": doc["secret_kind"], "from": "head office"})
        return
    before = (user.disabled, bytes(user.hash), user.role)
    User.update(name=name, failed_attempts=0, locked_until=None, **fields).where(
        User.id == user.id).execute()
    data = {"user_id": user.id, "name": name, "from": "head office"}
    if before[0] != fields["disabled"]:
        journal.append("user_disable" if fields["disabled"] else "user_enable", data)
    if before[1] != fields["hash"]:
        journal.append("secret_reset", {**data, "secret_kind": doc["secret_kind"]})
    if before[2] != fields["role"]:
        journal.append("user_role", {**data, "role": doc["role"]})


def _customer(doc: dict) -> None:
    """Head office's customer, unless this till changed it later (that change is on its
    way up)."""
    updated = int(doc["updated_at"])
    row = Customer.get_or_none(Customer.uuid == doc["uuid"])
    if row is not None and to_micros(row.updated_at) > updated:
        return
    data = CustomerInput(doc["name"], doc.get("phone") or "", doc.get("email") or "",
                         doc.get("address") or "").validated()
    row = row or Customer(uuid=doc["uuid"], created_at=int(doc["created_at"]))
    row.name, row.name_key = data.name, fold(data.name)
    row.phone = phone_digits(data.phone) or None
    row.email = data.email or None
    row.address = data.address or None
    row.updated_at = updated
    row.save()
