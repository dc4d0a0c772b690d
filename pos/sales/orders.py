"""Orders: turning a cart into a saved sale, moving it through its states, refunding it.

Each service function owns one transaction (`atomic`, BEGIN IMMEDIATE): the
order, its frozen lines, its payments, its receipt number and its status
events are written together or not at all. A failed save (full disk,
read-only file) raises `StoreError` and leaves the cart untouched, so the sale
can be saved again.
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass

import peewee

from pos.card_data import refuse_card_number
from pos.errors import InputError, NotFound, StateError
from pos.money import Money
from pos.sales.cart import Cart
from pos.sales.order_states import Status, check_move
from pos.staff import users
from pos.staff.actor import Actor, authorize, signed_in
from pos.store import journal, journal_records
from pos.store.db import database, translate_errors
from pos.store.models import (
    Order,
    OrderEvent,
    OrderLine,
    Payment,
    Refund,
    RefundLine,
    RefundPart,
    utcnow,
)

TENDERS = ("cash", "card")


@dataclass(frozen=True)
class Tender:
    """One payment towards a sale. For cash, `tendered` is what the customer handed over."""

    kind: str
    amount: Money
    tendered: Money | None = None
    fee: Money | None = None
    gateway_ref: str | None = None
    card_brand: str | None = None
    card_last4: str | None = None
    idempotency_key: str | None = None
    recorded: bool = False  # already saved on its placed order (a gateway charge)


# --- creating orders -------------------------------------------------------

def place_order(cart: Cart, terminal_id: str, actor: Actor | None = None) -> Order:
    """Save the cart as an order awaiting payment (before a card is charged)."""
    if cart.is_empty:
        raise InputError("The sale is empty: scan an item first.")
    totals = cart.totals()
    with translate_errors(), database.atomic():
        order = _insert_order(cart, totals, terminal_id, actor)
        save_order(order)
    return order


def complete_sale(cart: Cart, terminal_id: str, tenders: list[Tender],
                  cash_rounding: int = 0, actor: Actor | None = None) -> Order:
    """Save a paid sale in one transaction: order, lines, payments, receipt number.

    The payments must cover what is due (the total, cash-rounded when the last
    tender is cash). A ship-later sale stays `paid`; any other is `completed`.
    """
    if cart.is_empty:
        raise InputError("The sale is empty: scan an item first.")
    totals = cart.totals()
    rounding, applied = settle(totals.total, tenders, cash_rounding)
    with translate_errors(), database.atomic():
        order = _insert_order(cart, totals, terminal_id, actor)
        take_payment(order, tenders, applied, rounding)
    return order


def pay_order(order: Order, tenders: list[Tender], cash_rounding: int = 0) -> Order:
    """Take the rest of the payments for an order placed earlier; it becomes paid.

    Card payments a gateway approved are already on the order (`pos.payments.attempts`),
    so `tenders` settle only what they left; none are needed when they paid it all.
    """
    check_move(order.status, Status.PAID, order_name(order))
    with translate_errors(), database.atomic():
        order = Order.get_by_id(order.id)
        check_move(order.status, Status.PAID, order_name(order))
        due = Money(order.total - order.paid, order.currency)
        if tenders or due.minor:
            rounding, applied = settle(due, tenders, cash_rounding)
        else:
            rounding, applied = Money.zero(order.currency), []
        take_payment(order, tenders, applied, rounding)
    return order


def take_payment(order: Order, tenders: list[Tender], applied: list[Money],
                  rounding: Money) -> None:
    """Record the settled payments; the order becomes paid (with its receipt number) and,
    unless it ships later, completed. Runs inside the caller's transaction."""
    if tenders:
        if order.shift_id is None and any(t.kind == "cash" for t in tenders):
            _cash_shift(order)
        _add_payments(order, tenders, applied)
    order.rounding = rounding.minor
    _mark_paid(order)
    if not order.ship_later:
        move_order(order, Status.COMPLETED)
    save_order(order)
    journal.append("sale", journal_records.bind({
        "order_id": order.id, "uuid": order.uuid, "terminal_id": order.terminal_id,
        "receipt_no": order.receipt_no, "currency": order.currency,
        "subtotal": order.subtotal, "discount": order.discount, "tax": order.tax,
        "total": order.total, "rounding": order.rounding, "paid": order.paid,
        "tenders": [[t.kind, a.minor] for t, a in zip(tenders, applied, strict=True)]}),
        order.cashier_id)


def _cash_shift(order: Order) -> None:
    """Cash goes into a drawer that a shift counts: a sale placed without a shift (a
    card-only store, `require_shift=0`) joins the one now open, or its cash is refused."""
    rules = sale_rules(order.terminal_id, selling=False)
    if rules.shift_id is None and rules.has_staff:
        raise StateError(NO_SHIFT_CASH)
    order.shift_id = rules.shift_id


def settle(total: Money, tenders: list[Tender], cash_rounding: int = 0
           ) -> tuple[Money, list[Money]]:
    """Check that `tenders` pay `total`; return the cash rounding and the amount each applies.

    Every tender but the last pays part of the sale; the last settles the rest.
    Cash rounding applies to that rest when the last tender is cash, and only
    cash may hand over more than is due (the difference is change).
    """
    if not tenders:
        raise InputError("Choose how the customer pays.")
    remaining = total
    applied = []
    for tender in tenders[:-1]:
        _check_tender(tender, total.currency)
        if tender.amount >= remaining:
            raise InputError("An earlier payment already covers the sale; remove the later one.")
        applied.append(tender.amount)
        remaining -= tender.amount
    last = tenders[-1]
    _check_tender(last, total.currency)
    due = remaining
    if last.kind == "cash" and cash_rounding:
        due = remaining.round_to(cash_rounding)
    if last.amount < due:
        raise InputError(f"{due - last.amount} is still due.")
    if last.kind != "cash" and last.amount > due:
        raise InputError("A card payment cannot be more than what is still due.")
    applied.append(due)
    return due - remaining, applied


def _check_tender(tender: Tender, currency: str) -> None:
    if tender.kind not in TENDERS:
        raise InputError(f"{tender.kind!r} is not a way to pay here.")
    if tender.amount.currency != currency:
        raise InputError(f"The payment is in {tender.amount.currency}, the sale in {currency}.")
    if tender.amount.minor < 0 or (tender.kind != "cash" and tender.amount.minor == 0):
        raise InputError("A payment must be more than zero.")


def _insert_order(cart: Cart, totals, terminal_id: str, actor: Actor | None) -> Order:
    """The order row, its lines and the stock they take; the sale's rules are checked here
    (an open shift if the store asks for one; approvals for overrides and big discounts)."""
    now = utcnow()
    refuse_card_number(cart.note)
    signed_in(actor)
    rules = sale_rules(terminal_id)
    approvals = _authorize_cart(cart, totals, actor, rules)
    order = Order.create(**order_row(cart, totals, terminal_id, uuid=str(uuidlib.uuid4()),
                                     at=now),
                         cashier_id=actor.user_id if actor else None,
                         cashier_name=actor.user.name if actor else None,
                         shift_id=rules.shift_id)
    for kind, approval_id, detail in approvals:
        journal.append(kind, {"order_id": order.id, "approval_id": approval_id, **detail},
                       order.cashier_id)
    OrderLine.insert_many(line_rows(cart, totals, order.id)).execute()
    order.pending_events = [dict(order=order.id, at=now, from_status=None,
                                 to_status=order.status, note=None)]
    _adjust_stock([(line.item.product_id, -line.quantity) for line in cart.lines])
    return order


@dataclass(frozen=True)
class SaleRules:
    shift_id: int | None  # the terminal's open shift
    discount_limit_pct: int  # a discount above this share of the sale needs approval
    has_staff: bool = False  # a store with staff counts its money in shifts


NO_SHIFT = ("No shift is open on this till: open one with the float counted into the drawer, "
            "then take the payment. Every sale belongs to a shift, so it is in a Z report.")
NO_SHIFT_CASH = ("No shift is open on this till: open one with the float counted into the "
                 "drawer before taking cash.")


def sale_rules(terminal_id: str, selling: bool = True) -> SaleRules:
    """The store's rules for a new sale (or, not `selling`, a refund) on this terminal,
    read in one query.

    In a store with staff a sale needs the terminal's open shift, so that every sale is
    in a Z report (`require_shift=0` lets card-only sales go without; cash never does,
    see `take_payment`). A store without staff has no one to open a shift or sign a Z
    report (it is a command-line or scripted store): it sells without shifts.
    """
    row = database.execute_sql(
        "SELECT (SELECT id FROM shift WHERE terminal_id = ? AND closed_at IS NULL), "
        "(SELECT value FROM setting WHERE key = 'require_shift'), "
        "(SELECT value FROM setting WHERE key = 'discount_limit_pct'), "
        "EXISTS (SELECT 1 FROM staff_user)",
        (terminal_id,)).fetchone()
    shift_id, required, limit, has_staff = row
    if shift_id is None and has_staff and str(required) != "0" and selling:
        raise StateError(NO_SHIFT)
    return SaleRules(shift_id, int(limit) if limit is not None else 100, bool(has_staff))


def _guarded(cart: Cart, totals, rules: SaleRules) -> list[tuple[str, str, dict]]:
    """What in the cart needs a right: (permission, journal kind, what to record)."""
    found = [("void", "void", {"sku": line.item.sku, "quantity": line.quantity,
                               "price": line.unit_price, "reason": "line removed",
                               "approval_id": line.void_approval})
             for line in cart.voided]
    for line in cart.lines:
        if line.override_reason:
            found.append(("price_override", "price_override", {
                "sku": line.item.sku, "old_price": line.item.price,
                "new_price": line.unit_price, "reason": line.override_reason}))
    if totals.discount.minor * 100 > totals.subtotal.minor * rules.discount_limit_pct:
        found.append(("discount_over_threshold", "discount", {
            "amount": totals.discount.minor, "subtotal": totals.subtotal.minor}))
    return found


def approvals_needed(cart: Cart, terminal_id: str, user) -> list[str]:
    """The permissions this cart needs that `user` lacks (the checkout asks a supervisor
    for them before saving); none for a store without staff."""
    if user is None:
        return []
    actions = {action for action, _, detail in _guarded(cart, cart.totals(),
                                                        sale_rules(terminal_id, selling=False))
               if detail.get("approval_id") is None}  # a void approved when it was made
    return sorted(a for a in actions if not users.may(user, a))


def _authorize_cart(cart: Cart, totals, actor: Actor | None,
                    rules: SaleRules) -> list[tuple[str, int | None, dict]]:
    """Price overrides and discounts above the limit need the right (or an approval); the
    journal entries that record them, for the order's transaction."""
    found = []
    for action, kind, detail in _guarded(cart, totals, rules):
        given = detail.pop("approval_id", None)  # a line voided with an approval on the spot
        found.append((kind, authorize(actor, action, given=given), detail))
    return found


_STOCK_SQL = 'UPDATE "product" SET "stock" = "stock" + ? WHERE "id" = ?'


def _adjust_stock(changes: list[tuple[int | None, int]]) -> None:
    """Move stock for many products in one prepared statement (a sale's hot path)."""
    pairs = [(delta, product_id) for product_id, delta in changes
             if product_id is not None and delta]
    if pairs:
        database.cursor().executemany(_STOCK_SQL, pairs)


def _add_payments(order: Order, tenders: list[Tender], applied: list[Money]) -> None:
    rows = payment_rows(order.id, tenders, applied, utcnow())
    order.paid += sum(amount.minor for amount in applied)
    for row in rows:
        payment_id = Payment.insert(row).execute()  # one or two: the id binds its entry
        journal.append("payment", journal_records.bind({
            "order_id": order.id, "payment_id": payment_id, "tender": row["tender"],
            "status": row["status"], "amount": row["amount"], "fee": row["fee"],
            "change": row["change"], "currency": order.currency,
            "gateway_ref": row["gateway_ref"], "card_brand": row["card_brand"],
            "card_last4": row["card_last4"]}), order.cashier_id)


def _mark_paid(order: Order) -> None:
    """Paid: the moment the sale is final, so it gets the terminal's next receipt number."""
    move_order(order, Status.PAID)
    order.receipt_no = next_receipt_no(order.terminal_id)


def next_receipt_no(terminal_id: str) -> int:
    """The next gapless number; call inside the transaction that completes the sale."""
    if not database.in_transaction():
        raise RuntimeError("receipt numbers are assigned inside the completing transaction")
    cursor = database.execute_sql(
        "INSERT INTO receipt_counter (terminal_id, last_no) VALUES (?, 1) "
        "ON CONFLICT (terminal_id) DO UPDATE SET last_no = last_no + 1 RETURNING last_no",
        (terminal_id,),
    )
    return cursor.fetchone()[0]


# --- moving through states -------------------------------------------------

_STAMPS = {Status.PAID: "paid_at", Status.SHIPPED: "shipped_at",
           Status.COMPLETED: "completed_at", Status.CANCELLED: "cancelled_at"}


def move_order(order: Order, target: Status, note: str | None = None) -> None:
    """Move `order` to `target` if its state machine allows it, with a timeline event
    (written by `save_order`); here and for the card service (`pos.payments.attempts`)."""
    check_move(order.status, target, order_name(order))
    now = utcnow()
    events = getattr(order, "pending_events", None) or []
    events.append(dict(order=order.id, at=now, from_status=order.status, to_status=target,
                       note=note))
    order.pending_events = events
    order.status = target
    if target in _STAMPS:
        setattr(order, _STAMPS[target], now)


def save_order(order: Order) -> None:
    """Write the order's changed fields and its new timeline events (one statement each)."""
    order.save()
    events = getattr(order, "pending_events", None)
    if events:
        OrderEvent.insert_many(events).execute()
        order.pending_events = []


def transition(order: Order, target: Status | str, note: str | None = None,
               actor: Actor | None = None) -> Order:
    """Move a saved order to `target` (ship, complete, cancel); illegal moves raise.
    Cancelling is a void: it needs the right, or a supervisor's approval."""
    target = Status(target)
    if target in (Status.PAID, Status.PARTIALLY_REFUNDED, Status.REFUNDED):
        raise StateError(f"Use payment or refund to make an order {target.label}.")
    refuse_card_number(note)
    with translate_errors(), database.atomic():
        fresh = Order.get_by_id(order.id)
        move_order(fresh, target, note)
        if target == Status.CANCELLED:
            approval_id = authorize(actor, "void")
            restock_lines(fresh, {ln.id: ln.quantity for ln in fresh.lines})
            journal.append("void", journal_records.bind({
                "order_id": fresh.id, "amount": fresh.total, "reason": note,
                "approval_id": approval_id}), actor.user_id if actor else None)
        save_order(fresh)
    return fresh


def order_name(order: Order) -> str:
    """How a message names the order: by its receipt number once it has one."""
    if order.receipt_no:
        return f"Receipt {receipt_label(order)}"
    return "The order"


def receipt_label(order: Order) -> str:
    return f"{order.terminal_id}-{order.receipt_no:06d}" if order.receipt_no else "—"


# --- refunds ---------------------------------------------------------------
# A refund goes back to the payments of the sale, each in its own tender: by
# default in proportion to what each payment still holds (for a first refund,
# what each paid), split by the largest remainder (`Money.allocate`, ties to the
# earlier payment) so the parts add up exactly to the refund; or as the cashier
# chooses (`split`: payment id -> minor units). A payment never gives back more
# than it still holds, and only a payment that brought money in takes a part:
# never a voided, declined or failed one, nor a card stored offline that the
# gateway has not approved yet (it may still be declined: the money is not
# taken, and giving it back from the drawer could pay out what never came in).

REFUNDABLE = ("approved", "partially_refunded")
"""Payment statuses that hold money a refund can give back."""


def refundable(line: OrderLine) -> int:
    return line.quantity - line.refunded_quantity


def _share(line: OrderLine, quantity: int) -> int:
    """The part of a line's gross for `quantity`, exact so full refunds add up to the line."""
    return line.gross * quantity // line.quantity


@dataclass(frozen=True)
class RefundShare:
    """What a refund gives back to one payment of the sale, in that payment's tender."""

    payment_id: int
    tender: str  # "cash" or "card"
    amount: int  # minor units, > 0
    card_brand: str | None = None
    card_last4: str | None = None


@dataclass(frozen=True)
class PaymentHolding:
    """A payment of the sale as a refund sees it: what it still holds, or why it takes none."""

    payment_id: int
    tender: str
    amount: int  # what it took
    held: int  # what a refund can still give back to it
    status: str = "approved"  # the payment's
    card_brand: str | None = None
    card_last4: str | None = None
    blocked: str | None = None  # why nothing can go back to it, in words; None: it can


@dataclass(frozen=True)
class RefundPlan:
    """What `refund` would do, saving nothing: the amount and where each part goes."""

    amount: int
    shares: tuple[RefundShare, ...]
    payments: tuple[PaymentHolding, ...]  # every payment of the sale, oldest first


def refund(order: Order, quantities: dict[int, int] | None = None, *, reason: str = "",
           restock: bool = True, tender: str | None = None,
           split: dict[int, int] | None = None,
           actor: Actor | None = None, terminal_id: str | None = None) -> Refund:
    """Refund chosen line quantities (or everything left) to the sale's payments.

    Never more than was paid: each line's refunds add up to at most its gross,
    and the order's refunds to at most what was paid. The money goes back to
    the payments in proportion to what each still holds, or only to the
    payments of `tender`, or as `split` says (payment id -> minor units, adding
    up to the refund). Each part is saved with its payment (`RefundPart`) and
    raises that payment's `refunded`.
    """
    refuse_card_number(reason)
    with translate_errors(), database.atomic():
        order = Order.get_by_id(order.id)
        quote = _quote(order, quantities, tender=tender, split=split)
        if not quote.parts:
            raise InputError("Choose what to refund.")
        amount, parts, target = quote.amount, quote.parts, quote.target
        check_move(order.status, target, order_name(order))
        kind = _refund_tender(quote, tender)
        approval_id = authorize(actor, "refund")
        # the drawer that pays it out: this terminal's open shift, not the sale's
        shift_id = sale_rules(terminal_id or order.terminal_id, selling=False).shift_id
        record = Refund.create(order=order.id, amount=amount, tender=kind, reason=reason or None,
                               restock=restock, user_id=actor.user_id if actor else None,
                               approval_id=approval_id, shift_id=shift_id)
        for line, qty, part in parts:
            RefundLine.create(refund=record.id, order_line=line.id, quantity=qty, amount=part)
            line.refunded_quantity += qty
            line.save()
        now = utcnow()
        for share in quote.shares:
            RefundPart.create(refund=record.id, payment=share.payment_id, tender=share.tender,
                              amount=share.amount)
            payment = quote.payments[share.payment_id]
            payment.refunded += share.amount
            payment.status = ("refunded" if payment.refunded == payment.amount
                              else "partially_refunded")
            payment.updated_at = now
            payment.save()
        if restock:
            restock_lines(order, {line.id: qty for line, qty, _ in parts})
        order.refunded += amount
        move_order(order, target, reason or None)
        save_order(order)
        journal.append("refund", journal_records.bind({
            "order_id": order.id, "refund_id": record.id, "amount": amount,
            "currency": order.currency, "tender": kind, "reason": reason or None,
            "lines": [[line.id, qty] for line, qty, _ in parts],
            "parts": [[s.payment_id, s.tender, s.amount] for s in quote.shares],
            "approval_id": approval_id}),
            record.user_id)
    return record


def _refund_tender(quote: _Quote, tender: str | None) -> str:
    """`Refund.tender`: the one tender its parts went back to, or "split" for several."""
    kinds = list(dict.fromkeys(s.tender for s in quote.shares))
    if len(kinds) == 1:
        return kinds[0]
    if kinds:
        return "split"
    # nothing to give back (a free item): the tender asked for, or the sale's first
    first = next(iter(quote.payments.values()), None)
    return tender or (first.tender if first else "cash")


def refund_shares(record: Refund) -> list[RefundShare]:
    """Where a saved refund went, part by part (for the details pane and the receipt)."""
    rows = (RefundPart.select(RefundPart, Payment).join(Payment)
            .where(RefundPart.refund == record.id).order_by(RefundPart.id))
    return [RefundShare(r.payment_id, r.tender, r.amount, r.payment.card_brand,
                        r.payment.card_last4) for r in rows]


def _holding(payment: Payment, currency: str) -> PaymentHolding:
    blocked = None
    if payment.status == "stored_offline":
        blocked = (f"the card payment of {Money(payment.amount, currency)} was taken while "
                   "the card gateway was offline and has not gone through yet; it can be "
                   "refunded once it has")
    elif payment.status == "voided":
        blocked = f"the card payment of {Money(payment.amount, currency)} was voided"
    elif payment.status not in REFUNDABLE + ("refunded",):
        blocked = (f"the {payment.tender} payment of {Money(payment.amount, currency)} "
                   "brought no money in")
    held = 0 if blocked else payment.amount - payment.refunded
    return PaymentHolding(payment.id, payment.tender, payment.amount, max(held, 0),
                          payment.status, payment.card_brand, payment.card_last4, blocked)


def _payment_words(holding: PaymentHolding) -> str:
    """A payment as a cashier names it: "cash", "the card Visa •••• 4242"."""
    if holding.tender == "cash":
        return "cash"
    card = " ".join(x for x in ((holding.card_brand or "").title(),
                                f"•••• {holding.card_last4}" if holding.card_last4 else "") if x)
    return f"the card {card}" if card else f"the {holding.tender} payment"


def _allocate(order: Order, amount: int, payments: list[Payment], tender: str | None,
              split: dict[int, int] | None) -> list[RefundShare]:
    """Where `amount` goes back: the cashier's `split`, checked, or the default rule."""
    c = order.currency
    if tender is not None and tender not in TENDERS:
        raise InputError(f"{tender!r} is not a way to pay here.")
    holdings = [_holding(p, c) for p in payments]
    if split is not None:
        if tender is not None:
            raise InputError("Choose either the tender or the split of the refund, not both.")
        return _checked_split(order, amount, holdings, split)
    usable = [h for h in holdings if h.held > 0 and (tender is None or h.tender == tender)]
    held = sum(h.held for h in usable)
    if amount > held:
        waiting = [h for h in holdings if h.status == "stored_offline"
                   and (tender is None or h.tender == tender)]
        if waiting:
            raise InputError(f"Only {Money(held, c)} can be refunded now: {waiting[0].blocked}.")
        if tender is not None:
            raise InputError(f"Only {Money(held, c)} of this sale can go back in {tender}.")
        raise InputError("That is more than what is left to refund on this order.")
    parts = split_in_proportion(amount, [h.held for h in usable])
    return [RefundShare(h.payment_id, h.tender, part, h.card_brand, h.card_last4)
            for h, part in zip(usable, parts, strict=True) if part]


def split_in_proportion(amount: int, holdings: list[int]) -> list[int]:
    """The default split of a refund of `amount` minor units over payments that still hold
    `holdings`: in proportion, by the largest remainder (each part its floor share, the
    units left over to the largest remainders, ties to the earlier payment). The parts
    add up exactly to `amount`, and none exceeds its holding: a part rounded up had a
    fractional exact share, which is below its (whole) holding since `amount` is at
    most their sum."""
    if (type(amount) is not int or amount < 0 or amount > sum(holdings)
            or any(type(h) is not int or h < 0 for h in holdings)):
        raise ValueError("a refund is split only over what the payments still hold")
    total = sum(holdings)
    if not amount:
        return [0] * len(holdings)
    shares = [divmod(amount * held, total) for held in holdings]
    parts = [floor for floor, _ in shares]
    order = sorted(range(len(holdings)), key=lambda i: (-shares[i][1], i))
    for i in order[:amount - sum(parts)]:
        parts[i] += 1
    return parts


def _checked_split(order: Order, amount: int, holdings: list[PaymentHolding],
                   split: dict[int, int]) -> list[RefundShare]:
    c = order.currency
    by_id = {h.payment_id: h for h in holdings}
    shares = []
    for payment_id, part in split.items():
        holding = by_id.get(payment_id)
        if holding is None:
            raise NotFound("That payment is not part of this order.")
        if type(part) is not int or part < 0:
            raise InputError("Each part of the refund must be an amount of zero or more.")
        if not part:
            continue
        if holding.blocked:
            raise InputError(f"Nothing can go back to {_payment_words(holding)}: "
                             f"{holding.blocked}.")
        if part > holding.held:
            raise InputError(f"{Money(part, c)} cannot go back to {_payment_words(holding)}: "
                             f"it holds only {Money(holding.held, c)} that can be refunded.")
        shares.append(RefundShare(payment_id, holding.tender, part, holding.card_brand,
                                  holding.card_last4))
    given = sum(s.amount for s in shares)
    if given != amount:
        raise InputError(f"The parts give back {Money(given, c)}, but the refund is "
                         f"{Money(amount, c)}: the parts must add up to the refund.")
    return sorted(shares, key=lambda s: s.payment_id)


def restock_lines(order: Order, quantities: dict[int, int]) -> None:
    """Put `quantities` (by order line id) of the order's products back into stock."""
    _adjust_stock([(line.product_id, quantities.get(line.id, 0)) for line in order.lines])


# --- finding orders --------------------------------------------------------

def find_order(ref: str, terminal_id: str | None = None) -> Order:
    """An order by UUID, by receipt label ('T1-000042') or by receipt number ('42')."""
    text = (ref or "").strip()
    if not text:
        raise InputError("Type a receipt number or an order id.")
    try:
        return Order.get(Order.uuid == str(uuidlib.UUID(text)))
    except ValueError:
        pass
    except peewee.DoesNotExist:
        raise NotFound(f"No order has the id {text}.") from None
    terminal, _, number = text.rpartition("-")
    if not number.isdigit():
        raise InputError(f"{text!r} is neither a receipt number nor an order id.")
    query = Order.select().where(Order.receipt_no == int(number))
    if terminal:
        query = query.where(Order.terminal_id == terminal)
    elif terminal_id:
        query = query.where(Order.terminal_id == terminal_id)
    found = list(query.limit(2))
    if not found:
        raise NotFound(f"No sale has the receipt number {text}.")
    if len(found) > 1:
        raise InputError(f"Several terminals have receipt {text}; type it as "
                         f"{found[0].terminal_id}-{number}.")
    return found[0]


@dataclass(frozen=True)
class OrderFilter:
    since: object = None  # aware datetime, inclusive
    until: object = None  # aware datetime, exclusive
    status: Status | None = None
    min_total: int | None = None
    max_total: int | None = None
    tender: str | None = None


@dataclass(frozen=True)
class Cursor:
    """Where the previous page ended: newest first by (created_at, id)."""

    created_at: object
    id: int


def list_orders(filters: OrderFilter = OrderFilter(), after: Cursor | None = None,
                limit: int = 50) -> tuple[list[Order], Cursor | None]:
    """One page of orders, newest first, by keyset; returns the page and the next cursor.
    Without a status filter, cancelled orders (a checkout given up after a card was tried;
    only an unpaid order can be cancelled) are left out, as peers list sales; the Cancelled
    filter shows them."""
    if filters.since and filters.until and filters.until <= filters.since:
        raise InputError("The date range ends before it starts.")
    query = Order.select()
    if filters.since:
        query = query.where(Order.created_at >= filters.since)
    if filters.until:
        query = query.where(Order.created_at < filters.until)
    if filters.status:
        query = query.where(Order.status == Status(filters.status))
    else:  # a checkout given up before payment made no sale: shown under Cancelled
        query = query.where(Order.status != Status.CANCELLED)
    if filters.min_total is not None:
        query = query.where(Order.total >= filters.min_total)
    if filters.max_total is not None:
        query = query.where(Order.total <= filters.max_total)
    if filters.tender:
        query = query.where(peewee.fn.EXISTS(
            Payment.select(Payment.id).where((Payment.order == Order.id)
                                             & (Payment.tender == filters.tender))))
    if after is not None:
        query = query.where(peewee.Tuple(Order.created_at, Order.id)
                            < peewee.Tuple(Order.created_at.db_value(after.created_at),
                                           after.id))
    rows = list(query.order_by(Order.created_at.desc(), Order.id.desc()).limit(limit))
    cursor = Cursor(rows[-1].created_at, rows[-1].id) if len(rows) == limit else None
    return rows, cursor


# --- rows for bulk writers -------------------------------------------------
# The rows `_insert_order` and `_add_payments` write, as plain dicts, for a
# writer that saves many orders in one transaction (the demo store's history
# of a million sales) and cannot afford a transaction and a query per sale.
# Timestamps (`at`) are aware datetimes or UTC microseconds, as the fields take.

def order_row(cart: Cart, totals, terminal_id: str, *, uuid: str, at) -> dict:
    """The `orders` row of `cart`, awaiting payment, as `_insert_order` creates it."""
    return dict(
        uuid=uuid, terminal_id=terminal_id, status=Status.PENDING_PAYMENT,
        currency=cart.currency, customer=cart.customer_id, ship_later=cart.ship_later,
        delivery_address=cart.delivery_address, note=cart.note,
        subtotal=totals.subtotal.minor, discount=totals.discount.minor, tax=totals.tax.minor,
        total=totals.total.minor, tax_mode=str(cart.tax_mode), created_at=at,
    )


def line_rows(cart: Cart, totals, order_id: int | None) -> list[dict]:
    """The frozen `order_line` rows of `cart`, numbered from 1, as `_insert_order` writes them."""
    return [
        dict(order=order_id, line_no=n, product=line.item.product_id, sku=line.item.sku,
             name=line.item.name, unit=line.item.unit, quantity=line.quantity,
             unit_price=line.unit_price, list_price=line.item.price,
             override_reason=line.override_reason, discount=t.discount.minor,
             tax_code=line.item.tax_code, tax_rate_ppm=line.item.tax_rate_ppm,
             net=t.net.minor, tax=t.tax.minor, gross=t.gross.minor)
        for n, (line, t) in enumerate(zip(cart.lines, totals.lines, strict=True), start=1)
    ]


def payment_rows(order_id: int | None, tenders: list[Tender], applied: list[Money],
                 at) -> list[dict]:
    """The approved `payment` rows for `tenders` and the amounts `settle` applied, as
    `_add_payments` creates them (cash keeps what was handed over and the change)."""
    rows = []
    for tender, amount in zip(tenders, applied, strict=True):
        fee = tender.fee.minor if tender.fee else 0
        handed = (tender.tendered or tender.amount) if tender.kind == "cash" else None
        rows.append(dict(
            order=order_id, tender=tender.kind, status="approved", amount=amount.minor,
            fee=fee, net=amount.minor - fee,
            tendered=handed.minor if handed else None,
            change=(handed - amount).minor if handed else 0,
            gateway_ref=tender.gateway_ref, card_brand=tender.card_brand,
            card_last4=tender.card_last4, idempotency_key=tender.idempotency_key,
            created_at=at, updated_at=at,
        ))
    return rows


def line_share(line, quantity: int) -> int:
    """The part of a line's gross for `quantity` by the rule `refund` uses; `line` needs
    only `gross` and `quantity`, so a bulk writer can price refunds before saving."""
    return _share(line, quantity)


# --- refund preview --------------------------------------------------------

def refund_quote(order: Order, quantities: dict[int, int] | None = None) -> int:
    """What `refund(order, quantities)` would return, in minor units, saving nothing.

    The refund dialog shows it while the cashier chooses, and refuses what
    `refund` would refuse, with the same messages: the rule stays here, not in
    a window. Nothing chosen quotes 0.
    """
    with translate_errors():
        return _quote(Order.get_by_id(order.id), quantities).amount


def refund_plan(order: Order, quantities: dict[int, int] | None = None, *,
                tender: str | None = None, split: dict[int, int] | None = None) -> RefundPlan:
    """What `refund(order, quantities, tender=..., split=...)` would give back and to which
    payment, saving nothing; refuses what `refund` would refuse, in its words. Nothing
    chosen plans 0 with no shares."""
    with translate_errors():
        order = Order.get_by_id(order.id)
        quote = _quote(order, quantities, tender=tender, split=split)
        holdings = tuple(_holding(p, order.currency) for p in quote.payments.values())
        return RefundPlan(quote.amount, tuple(quote.shares), holdings)


def refund_holdings(order: Order) -> tuple[PaymentHolding, ...]:
    """Every payment of the sale, oldest first, with what a refund can still give back to
    it (or why nothing can): what the refund dialog offers the cashier to split over."""
    with translate_errors():
        order = Order.get_by_id(order.id)
        return tuple(_holding(p, order.currency)
                     for p in order.payments.order_by(Payment.id))


@dataclass(frozen=True)
class _Quote:
    amount: int
    parts: list  # (line, quantity, amount) for each line refunded
    target: Status
    shares: list[RefundShare]  # where the amount goes back, one per payment
    payments: dict[int, Payment]  # every payment of the order by id, oldest first


def _quote(order: Order, quantities: dict[int, int] | None, *, tender: str | None = None,
           split: dict[int, int] | None = None) -> _Quote:
    """The one rule for refunds: per line by `_share`, the last one returns all that is
    left (cash rounding too), never more than was paid; the amount split over the
    payments by `_allocate`."""
    lines = {ln.id: ln for ln in order.lines}
    wanted = ({i: refundable(ln) for i, ln in lines.items() if refundable(ln) > 0}
              if quantities is None else quantities)
    amount, parts = 0, []
    for line_id, qty in wanted.items():
        line = lines.get(line_id)
        if line is None:
            raise NotFound("That line is not part of this order.")
        if type(qty) is not int or qty < 0 or qty > refundable(line):
            raise InputError(f"At most {refundable(line)} of {line.name} can be refunded.")
        if qty:
            part = (_share(line, line.refunded_quantity + qty)
                    - _share(line, line.refunded_quantity))
            parts.append((line, qty, part))
            amount += part
    payments = list(order.payments.order_by(Payment.id))
    by_id = {p.id: p for p in payments}
    if not parts:
        return _Quote(0, [], Status(order.status), [], by_id)
    if any(refundable(ln) - wanted.get(ln.id, 0) for ln in lines.values()):
        target = Status.PARTIALLY_REFUNDED
    else:
        target, amount = Status.REFUNDED, order.paid - order.refunded
    if amount > order.paid - order.refunded:
        raise InputError("That is more than what is left to refund on this order.")
    shares = _allocate(order, amount, payments, tender, split)
    return _Quote(amount, parts, target, shares, by_id)
