"""Applying what head office changed (tax classes, products, staff) at the till: one page
in one transaction, with the cursor (`sync_state.changes_seq`), so a page is applied
whole or not at all and a page asked for again is applied the same way.

Head office owns these once the till is enrolled: its price is the price; the till keeps
only its own stock count. A user arrives with the hash of their PIN, never the PIN, and
each change of a user is journalled at the till as it would be if made there.
"""

from __future__ import annotations

from pos.catalogue.products import ProductInput, ensure_tax_class, save_product
from pos.money import Money
from pos.settings import load_settings
from pos.staff.users import User, checked_name
from pos.store import journal
from pos.store.db import database, translate_errors
from pos.store.models import Product, utcnow


def apply_page(changes: list[dict], last: int) -> int:
    """Apply one page of changes and move the cursor to `last`; how many were applied."""
    currency = load_settings().currency
    with translate_errors(), database.atomic():
        for change in changes:
            kind, doc = change["kind"], change["doc"]
            if kind == "tax_class":
                ensure_tax_class(doc["code"], doc["name"], int(doc["rate_ppm"]))
            elif kind == "product":
                _product(doc, currency)
            elif kind == "user":
                _user(doc)
        database.execute_sql("UPDATE sync_state SET changes_seq = max(changes_seq, ?)",
                             (last,))
    return len(changes)


def changes_seq() -> int:
    with translate_errors():
        row = database.execute_sql("SELECT changes_seq FROM sync_state").fetchone()
    return row[0] if row else 0


def _product(doc: dict, currency: str) -> None:
    codes = tuple(doc.get("barcodes") or ())
    if codes:  # a barcode head office moved to this product leaves the one that had it
        marks = ", ".join("?" * len(codes))
        database.execute_sql(
            f"DELETE FROM barcode WHERE code IN ({marks}) AND product_id IN "
            "(SELECT id FROM product WHERE sku <> ?)", (*codes, doc["sku"]))
    stock = Product.select(Product.stock).where(Product.sku == doc["sku"]).scalar() or 0
    save_product(ProductInput(doc["sku"], doc["name"], Money(int(doc["price"]), currency),
                              doc["tax_code"], doc.get("category"), doc["unit"], codes,
                              bool(doc["active"]), stock))


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
