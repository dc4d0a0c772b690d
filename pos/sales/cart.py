"""The cart: pure logic for the sale being rung up, with no database write per keystroke.

Order of calculation, each step rounded once by a named rule:
line base (price × quantity, or price per kg × grams) → line discount → share
of the order discount (largest remainder, so shares add up) → tax per
`pos.tax` → total; cash rounding only when the tender is cash.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from pos.card_data import refuse_card_number
from pos.errors import InputError, StateError
from pos.money import Money, Rounding
from pos.tax import RateSummary, TaxableLine, TaxMode, TaxRounding, compute_tax

MAX_QUANTITY = 9_999
MAX_WEIGHT_GRAMS = 99_999
MAX_LINES = 500


@dataclass(frozen=True)
class Item:
    """What the cart needs to know of a product, copied when it is added."""

    product_id: int | None
    sku: str
    name: str
    unit: str  # "each" or "weight" (price per kilogram, quantity in grams)
    price: int  # minor units
    tax_code: str
    tax_rate_ppm: int


@dataclass(frozen=True)
class Discount:
    """A percentage (as a decimal string, '10' = 10%) or an amount in minor units."""

    percent: str | None = None
    amount: int | None = None

    def __post_init__(self) -> None:
        if (self.percent is None) == (self.amount is None):
            raise ValueError("a discount is either a percent or an amount")

    @classmethod
    def parse_percent(cls, text: str) -> Discount:
        try:
            value = Decimal(str(text).strip().rstrip("%").replace(",", "."))
        except InvalidOperation:
            raise InputError(f"{text!r} is not a percentage; type a number like 10.") from None
        if not value.is_finite() or not 0 < value <= 100 or value.as_tuple().exponent < -2:
            raise InputError("A discount must be more than 0% and at most 100%.")
        return cls(percent=str(value))

    def of(self, base: Money) -> Money:
        if self.amount is not None:
            return Money(self.amount, base.currency)
        return base.times(Fraction(Decimal(self.percent)) / 100, Rounding.HALF_UP)


@dataclass
class CartLine:
    item: Item
    quantity: int  # pieces, or grams for weighed items
    price_override: int | None = None
    override_reason: str | None = None
    discount: Discount | None = None
    void_approval: int | None = None  # a voided line: the approval given when it was voided

    @property
    def unit_price(self) -> int:
        return self.item.price if self.price_override is None else self.price_override

    def base(self, currency: str) -> Money:
        price = Money(self.unit_price, currency)
        if self.item.unit == "weight":
            return price.times(Fraction(self.quantity, 1000), Rounding.HALF_UP)
        return price * self.quantity


@dataclass(frozen=True)
class LineTotal:
    base: Money  # price × quantity
    discount: Money  # line discount plus share of the order discount
    amount: Money  # what the line contributes before tax is added (exclusive) or as is
    net: Money
    tax: Money
    gross: Money


@dataclass(frozen=True)
class Totals:
    lines: list[LineTotal]
    subtotal: Money
    discount: Money
    net: Money
    tax: Money
    total: Money
    by_rate: list[RateSummary]

    def due(self, tender: str, cash_rounding: int = 0) -> Money:
        """What to collect: the total, rounded to the cash step only when paid in cash."""
        if tender == "cash" and cash_rounding:
            return self.total.round_to(cash_rounding, Rounding.HALF_UP)
        return self.total


@dataclass
class Cart:
    currency: str
    tax_mode: TaxMode
    tax_rounding: TaxRounding
    lines: list[CartLine] = field(default_factory=list)
    order_discount: Discount | None = None
    customer_id: int | None = None
    ship_later: bool = False
    delivery_address: str | None = None
    note: str | None = None
    voided: list[CartLine] = field(default_factory=list)  # lines removed: a void to record

    # editing ---------------------------------------------------------
    def add(self, item: Item, quantity: int = 1, *, weight_grams: int | None = None,
            label_price: int | None = None) -> int:
        """Add an item and return the index of the line it went to.

        A weighed item needs its weight; a price-embedded label fixes the line's
        price. Scanning the same plain item again adds to its line.
        """
        if len(self.lines) >= MAX_LINES:
            raise InputError(f"A sale can have at most {MAX_LINES} lines; start a new sale.")
        if label_price is not None:
            line = CartLine(replace(item, unit="each"), 1, label_price, "price on label")
            self.lines.append(line)
            return len(self.lines) - 1
        if item.unit == "weight":
            if weight_grams is None:
                raise InputError(f"{item.name} is sold by weight: weigh it or type the weight.")
            self.lines.append(CartLine(item, check_quantity(weight_grams, "weight")))
            return len(self.lines) - 1
        check_quantity(quantity, "each")
        for index, line in enumerate(self.lines):
            if (line.item == item and line.price_override is None and line.discount is None):
                line.quantity = check_quantity(line.quantity + quantity, "each")
                return index
        self.lines.append(CartLine(item, quantity))
        return len(self.lines) - 1

    def line(self, index: int) -> CartLine:
        if not 0 <= index < len(self.lines):
            raise StateError("That line is no longer in the cart.")
        return self.lines[index]

    def set_quantity(self, index: int, quantity: int) -> None:
        line = self.line(index)
        new = check_quantity(quantity, line.item.unit)
        old, line.quantity = line.quantity, new
        try:
            self._check_discount(line)
            self.totals()  # an order discount may now be more than the sale
        except InputError:
            line.quantity = old
            raise

    def remove(self, index: int, approval_id: int | None = None) -> CartLine:
        """Void a line; `approval_id` is the supervisor's approval given for this void on
        the spot (`pos.staff.users.require`), which the sale's save then accepts for it."""
        line = self.line(index)
        self.lines.pop(index)
        try:
            self.totals()
        except InputError:
            self.lines.insert(index, line)
            raise InputError("Without that line the sale discount would be more than the "
                             "sale: change the discount first.") from None
        line.void_approval = approval_id
        self.voided.append(line)
        return line

    def set_line_discount(self, index: int, discount: Discount | None) -> None:
        line = self.line(index)
        old, line.discount = line.discount, discount
        try:
            self._check_discount(line)
        except InputError:
            line.discount = old
            raise

    def override_price(self, index: int, price: Money, reason: str) -> None:
        line = self.line(index)
        price = self._own(price).check_range("price")
        if price.minor < 0:
            raise InputError("A price cannot be negative.")
        if not (reason or "").strip():
            raise InputError("Give a reason for the price change.")
        refuse_card_number(reason)
        line.price_override, line.override_reason = price.minor, reason.strip()
        self._check_discount(line)

    def set_order_discount(self, discount: Discount | None) -> None:
        old, self.order_discount = self.order_discount, discount
        try:
            self.totals()
        except InputError:
            self.order_discount = old
            raise

    def clear(self) -> None:
        self.lines.clear()
        self.voided.clear()
        self.order_discount = None
        self.customer_id = None
        self.ship_later = False
        self.delivery_address = None
        self.note = None

    @property
    def is_empty(self) -> bool:
        return not self.lines

    def _own(self, money: Money) -> Money:
        if money.currency != self.currency:
            raise InputError(f"The amount is in {money.currency}, the sale in {self.currency}.")
        return money

    def _check_discount(self, line: CartLine) -> None:
        if line.discount is None:
            return
        base = line.base(self.currency)
        off = line.discount.of(base)
        if off.minor <= 0 or off > base:
            raise InputError("A discount cannot be more than the line's price.")

    # totals -----------------------------------------------------------
    def totals(self) -> Totals:
        zero = Money.zero(self.currency)
        bases = [line.base(self.currency) for line in self.lines]
        line_off = [line.discount.of(b) if line.discount else zero
                    for line, b in zip(self.lines, bases, strict=True)]
        after = [b - d for b, d in zip(bases, line_off, strict=True)]
        sum_after = sum(after, zero)
        order_off = self.order_discount.of(sum_after) if self.order_discount else zero
        if order_off > sum_after:
            raise InputError("The order discount cannot be more than the sale's total.")
        shares = order_off.allocate([a.minor for a in after]) if self.lines else []
        amounts = [a - s for a, s in zip(after, shares, strict=True)]
        result = compute_tax(
            [TaxableLine(a, line.item.tax_rate_ppm, line.item.tax_code)
             for a, line in zip(amounts, self.lines, strict=True)],
            self.tax_mode, self.tax_rounding,
        ) if self.lines else None
        lines = [
            LineTotal(b, ld + s, a, t.net, t.tax, t.gross)
            for b, ld, s, a, t in zip(bases, line_off, shares, amounts,
                                      result.lines if result else [], strict=True)
        ]
        return Totals(
            lines=lines,
            subtotal=sum(bases, zero),
            discount=sum(line_off, zero) + order_off,
            net=result.net if result else zero,
            tax=result.tax if result else zero,
            total=result.gross if result else zero,
            by_rate=result.by_rate if result else [],
        )

    # parking ----------------------------------------------------------
    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Cart:
        data = json.loads(text)
        lines = [_line_from(ln) for ln in data.pop("lines")]
        voided = [_line_from(ln) for ln in data.pop("voided", [])]
        discount = data.pop("order_discount")
        return cls(lines=lines, voided=voided,
                   order_discount=Discount(**discount) if discount else None,
                   tax_mode=TaxMode(data.pop("tax_mode")),
                   tax_rounding=TaxRounding(data.pop("tax_rounding")), **data)


def _line_from(data: dict) -> CartLine:
    return CartLine(Item(**data["item"]), data["quantity"], data["price_override"],
                    data["override_reason"],
                    Discount(**data["discount"]) if data["discount"] else None,
                    data.get("void_approval"))


def check_quantity(quantity: int, unit: str) -> int:
    """Refuse zero, negative and absurd quantities with a sentence that says the limit."""
    if type(quantity) is not int:
        raise InputError("A quantity must be a whole number.")
    limit = MAX_WEIGHT_GRAMS if unit == "weight" else MAX_QUANTITY
    what = "weight in grams" if unit == "weight" else "quantity"
    if quantity <= 0:
        raise InputError(f"The {what} must be more than 0.")
    if quantity > limit:
        raise InputError(f"The {what} {quantity:,} is too large; at most {limit:,} is allowed.")
    return quantity


def parse_quantity(text: str, unit: str) -> int:
    """Read a typed quantity: whole pieces, or a weight in kilograms ('0.25', '1,5')."""
    raw = (text or "").strip()
    if unit == "weight":
        try:
            kg = Decimal(raw.lower().removesuffix("kg").strip().replace(",", "."))
        except InvalidOperation:
            raise InputError(f"{raw!r} is not a weight; type kilograms like 0.25.") from None
        if not kg.is_finite():
            raise InputError(f"{raw!r} is not a weight; type kilograms like 0.25.")
        grams = kg * 1000
        if grams != grams.to_integral_value():
            raise InputError("Type the weight to the gram (at most 3 decimals of a kilogram).")
        return check_quantity(int(grams), "weight")
    if not raw.lstrip("-").isdigit():
        raise InputError(f"{raw!r} is not a quantity; type a whole number like 2.")
    return check_quantity(int(raw), "each")
