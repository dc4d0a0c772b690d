"""peewee models of the store: the shape of every table the program writes.

Amounts are integers of minor units in the order's (or the store's) currency;
tax rates are integers in parts per million; timestamps are UTC microseconds.
The tables themselves are created by `pos.store.migrations`, never by
`create_tables`, so a model change always comes with a migration.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib

import peewee as pw

from pos.store.db import database

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICRO = dt.timedelta(microseconds=1)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def to_micros(value: dt.datetime) -> int:
    if value.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return (value - EPOCH) // _MICRO


class UtcTimestampField(pw.BigIntegerField):
    """An aware UTC datetime stored as integer microseconds: exact, sortable, indexable."""

    def db_value(self, value):
        if value is None or isinstance(value, int):
            return value
        return to_micros(value)

    def python_value(self, value):
        if value is None:
            return None
        return EPOCH + dt.timedelta(microseconds=value)


class BaseModel(pw.Model):
    class Meta:
        database = database
        legacy_table_names = False
        only_save_dirty = True  # an UPDATE writes the fields that changed, nothing else


class Setting(BaseModel):
    key = pw.TextField(primary_key=True)
    value = pw.TextField()


class TaxClass(BaseModel):
    code = pw.TextField(unique=True)
    name = pw.TextField()
    rate_ppm = pw.IntegerField()


class Category(BaseModel):
    name = pw.TextField(unique=True)


class Product(BaseModel):
    sku = pw.TextField(unique=True)
    name = pw.TextField()
    name_key = pw.TextField(index=True)  # folded name for prefix search
    price = pw.BigIntegerField()  # per piece, or per kilogram when unit == "weight"
    tax_class = pw.ForeignKeyField(TaxClass, on_delete="RESTRICT")
    category = pw.ForeignKeyField(Category, null=True, on_delete="SET NULL")
    unit = pw.TextField(default="each")  # "each" or "weight" (quantities in grams)
    active = pw.BooleanField(default=True)
    stock = pw.BigIntegerField(default=0)  # pieces, or grams
    updated_at = UtcTimestampField(default=utcnow)


class Barcode(BaseModel):
    code = pw.TextField(primary_key=True)
    product = pw.ForeignKeyField(Product, backref="barcodes", on_delete="CASCADE")


class Customer(BaseModel):
    name = pw.TextField()
    name_key = pw.TextField(index=True)
    phone = pw.TextField(null=True, index=True)  # digits only, for lookup
    email = pw.TextField(null=True)
    address = pw.TextField(null=True)
    created_at = UtcTimestampField(default=utcnow)
    # one id on every till and at head office, which keeps the latest change (issue 14)
    uuid = pw.TextField(unique=True, default=lambda: uuidlib.uuid4().hex)
    updated_at = UtcTimestampField(default=utcnow)


class ParkedCart(BaseModel):
    terminal_id = pw.TextField()
    label = pw.TextField()
    payload = pw.TextField()  # the cart as JSON (pos.sales.cart.Cart.to_json)
    created_at = UtcTimestampField(default=utcnow)


class ReceiptCounter(BaseModel):
    terminal_id = pw.TextField(primary_key=True)
    last_no = pw.BigIntegerField(default=0)


class Order(BaseModel):
    uuid = pw.TextField(unique=True)
    terminal_id = pw.TextField()
    receipt_no = pw.BigIntegerField(null=True)
    status = pw.TextField()
    currency = pw.TextField()
    customer = pw.ForeignKeyField(Customer, null=True, on_delete="SET NULL")
    ship_later = pw.BooleanField(default=False)
    delivery_address = pw.TextField(null=True)
    subtotal = pw.BigIntegerField()  # lines before discounts
    discount = pw.BigIntegerField()  # line and order discounts together
    tax = pw.BigIntegerField()
    total = pw.BigIntegerField()  # what the customer owes, before cash rounding
    rounding = pw.BigIntegerField(default=0)  # cash rounding adjustment
    paid = pw.BigIntegerField(default=0)
    refunded = pw.BigIntegerField(default=0)
    tax_mode = pw.TextField()
    note = pw.TextField(null=True)
    created_at = UtcTimestampField(default=utcnow)
    paid_at = UtcTimestampField(null=True)
    shipped_at = UtcTimestampField(null=True)
    completed_at = UtcTimestampField(null=True)
    cancelled_at = UtcTimestampField(null=True)
    cashier_id = pw.IntegerField(null=True)  # staff_user (pos.staff.users), migration 0006
    cashier_name = pw.TextField(null=True)  # as signed in at the sale, for receipts
    shift_id = pw.IntegerField(null=True)

    class Meta:
        table_name = "orders"
        indexes = (
            (("terminal_id", "receipt_no"), True),
            (("created_at", "id"), False),
            (("status", "created_at", "id"), False),
            (("total", "id"), False),
        )


class OrderLine(BaseModel):
    order = pw.ForeignKeyField(Order, backref="lines", on_delete="CASCADE")
    line_no = pw.IntegerField()
    product = pw.ForeignKeyField(Product, null=True, on_delete="SET NULL")
    sku = pw.TextField()
    name = pw.TextField()
    unit = pw.TextField()
    quantity = pw.BigIntegerField()  # pieces, or grams
    unit_price = pw.BigIntegerField()  # the price used, after any override
    list_price = pw.BigIntegerField()  # the catalogue price at the time
    override_reason = pw.TextField(null=True)
    discount = pw.BigIntegerField()  # line discount plus its share of the order discount
    tax_code = pw.TextField()
    tax_rate_ppm = pw.IntegerField()
    net = pw.BigIntegerField()
    tax = pw.BigIntegerField()
    gross = pw.BigIntegerField()
    refunded_quantity = pw.BigIntegerField(default=0)

    class Meta:
        indexes = ((("order", "line_no"), True),)


class Payment(BaseModel):
    order = pw.ForeignKeyField(Order, backref="payments", on_delete="CASCADE")
    tender = pw.TextField()  # "cash" or "card"
    status = pw.TextField()  # approved, refunded, ...
    amount = pw.BigIntegerField()  # applied to the order
    fee = pw.BigIntegerField(default=0)
    net = pw.BigIntegerField()  # amount - fee
    tendered = pw.BigIntegerField(null=True)  # cash handed over
    change = pw.BigIntegerField(default=0)
    gateway_ref = pw.TextField(null=True)
    card_brand = pw.TextField(null=True)
    card_last4 = pw.TextField(null=True)
    idempotency_key = pw.TextField(null=True, unique=True)
    refunded = pw.BigIntegerField(default=0)  # given back so far
    wallet = pw.TextField(null=True)  # a wallet payment through the gateway: "alipay", ...
    buyer = pw.TextField(null=True)  # ... and its buyer's account, masked by the gateway
    created_at = UtcTimestampField(default=utcnow)
    updated_at = UtcTimestampField(default=utcnow)


class OrderEvent(BaseModel):
    """The status timeline of an order: one row per transition."""

    order = pw.ForeignKeyField(Order, backref="events", on_delete="CASCADE")
    at = UtcTimestampField(default=utcnow)
    from_status = pw.TextField(null=True)
    to_status = pw.TextField()
    note = pw.TextField(null=True)


class Refund(BaseModel):
    order = pw.ForeignKeyField(Order, backref="refunds", on_delete="CASCADE")
    amount = pw.BigIntegerField()
    tender = pw.TextField()  # where it went back: "cash", "card", or "split" (see its parts)
    reason = pw.TextField(null=True)
    restock = pw.BooleanField(default=True)
    created_at = UtcTimestampField(default=utcnow)
    user_id = pw.IntegerField(null=True)
    approval_id = pw.IntegerField(null=True)
    shift_id = pw.IntegerField(null=True)  # the shift whose drawer paid it out (0007)


class RefundLine(BaseModel):
    refund = pw.ForeignKeyField(Refund, backref="lines", on_delete="CASCADE")
    order_line = pw.ForeignKeyField(OrderLine, on_delete="CASCADE")
    quantity = pw.BigIntegerField()
    amount = pw.BigIntegerField()


class RefundPart(BaseModel):
    """What one refund gives back to one payment, in that payment's tender (migration 0009):
    a split sale's refund has a part per payment it draws on."""

    refund = pw.ForeignKeyField(Refund, backref="parts", on_delete="CASCADE")
    payment = pw.ForeignKeyField(Payment, backref="refund_parts", on_delete="CASCADE")
    tender = pw.TextField()  # the payment's: "cash" or "card"
    amount = pw.BigIntegerField()  # > 0


class PaymentAttempt(BaseModel):
    """One request to the card gateway, saved before it is sent (migration 0003)."""

    order = pw.ForeignKeyField(Order, backref="attempts")
    kind = pw.TextField()  # charge, void or refund
    gateway = pw.TextField()
    amount = pw.BigIntegerField()
    currency = pw.TextField()
    idempotency_key = pw.TextField(unique=True)
    card_token = pw.TextField(null=True)  # a token, or "reader:<id>", "wallet:<w>", "qr:<w>"
    status = pw.TextField()
    gateway_ref = pw.TextField(null=True)
    card_brand = pw.TextField(null=True)
    card_last4 = pw.TextField(null=True)
    fee = pw.BigIntegerField(null=True)
    wallet = pw.TextField(null=True)
    buyer = pw.TextField(null=True)
    decline_code = pw.TextField(null=True)
    message = pw.TextField(null=True)
    payment = pw.ForeignKeyField(Payment, null=True)
    refund = pw.ForeignKeyField(Refund, null=True)
    tries = pw.IntegerField(default=0)
    created_at = UtcTimestampField(default=utcnow)
    updated_at = UtcTimestampField(default=utcnow)
    finished_at = UtcTimestampField(null=True)

    class Meta:
        table_name = "payment_attempt"


ALL_MODELS = [Setting, TaxClass, Category, Product, Barcode, Customer, ParkedCart,
              ReceiptCounter, Order, OrderLine, Payment, OrderEvent, Refund, RefundLine,
              RefundPart, PaymentAttempt]
