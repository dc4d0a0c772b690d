"""Customers: who a sale is for, so an order can be shipped later and found again."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pos.card_data import refuse_card_number
from pos.catalogue.textkey import fold
from pos.errors import InputError
from pos.store.db import database, translate_errors
from pos.store.models import Customer, utcnow

_TOP = "\U0010ffff"
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def phone_digits(text: str) -> str:
    """The digits of a phone number ('+86 138-0013-8000' → '8613800138000'), for lookup."""
    return re.sub(r"\D", "", text or "")


@dataclass(frozen=True)
class CustomerInput:
    name: str
    phone: str = ""
    email: str = ""
    address: str = ""

    def validated(self) -> CustomerInput:
        name = " ".join((self.name or "").split())
        if not name or len(name) > 200:
            raise InputError("A customer needs a name of 1 to 200 characters.")
        phone = (self.phone or "").strip()
        if phone and not 5 <= len(phone_digits(phone)) <= 15:
            raise InputError(f"{phone!r} is not a phone number: it needs 5 to 15 digits.")
        if phone and re.search(r"[^\d\s+()\-./]", phone):
            raise InputError(f"{phone!r} is not a phone number: use digits, spaces, + or -.")
        email = (self.email or "").strip()
        if len(email) > 254:  # the longest address mail can carry (RFC 5321)
            raise InputError("The email address is too long (at most 254 characters).")
        if email and not _EMAIL.fullmatch(email):
            raise InputError(f"{email!r} is not an email address.")
        address = (self.address or "").strip()
        if len(address) > 500:
            raise InputError("The address is too long (at most 500 characters).")
        refuse_card_number(name)
        refuse_card_number(address)
        return CustomerInput(name, phone, email, address)


def save_customer(data: CustomerInput, customer_id: int | None = None) -> Customer:
    data = data.validated()
    with translate_errors(), database.atomic():
        row = Customer.get_by_id(customer_id) if customer_id else Customer()
        row.name, row.name_key = data.name, fold(data.name)
        row.phone = phone_digits(data.phone) or None
        row.email = data.email or None
        row.address = data.address or None
        row.updated_at = utcnow()
        row.save()
    return row


def find_customers(text: str, limit: int = 20) -> list[Customer]:
    """Customers whose phone starts with the typed digits, or whose name starts with or
    contains the typed text."""
    raw = (text or "").strip()
    if not raw:
        return []
    digits = phone_digits(raw)
    if digits and len(digits) >= 3 and not re.search(r"[^\d\s+()\-./]", raw):
        return list(Customer.select().where((Customer.phone >= digits)
                                            & (Customer.phone < digits + _TOP))
                    .order_by(Customer.phone).limit(limit))
    key = fold(raw)
    found = list(Customer.select().where((Customer.name_key >= key)
                                         & (Customer.name_key < key + _TOP))
                 .order_by(Customer.name_key).limit(limit))
    if len(found) < limit:
        seen = {c.id for c in found}
        more = (Customer.select().where(Customer.name_key.contains(key))
                .order_by(Customer.name_key).limit(limit))
        found += [c for c in more if c.id not in seen][: limit - len(found)]
    return found
