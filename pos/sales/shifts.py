"""Shifts: a drawer opened with a float, cash moved in and out, counted and closed.

Which money belongs to a shift is recorded, never guessed from clocks: an order
carries the `shift_id` of the shift open when it was sold, and a refund the
`shift_id` of the shift whose drawer paid it out (migration 0007), which for a
refund of last week's sale is today's shift, not the sale's.

Expected cash = opening float + cash sales (what stayed in the drawer, net of
change) − cash refunds (the cash parts of refunds) + cash in − cash out. Card
money is counted by the gateway, so the card "count" is the expected card total.

A check that may fail (bad input, a closed shift, too little cash, a missing
note) runs before `users.require`, which commits an approval on its own; the
change and its journal entry then go in one transaction that checks again. The
Z number is the terminal's next one, taken inside the closing transaction, so a
close that fails leaves no gap. The Z report is saved as printed, with the head
of the audit journal right after its own entry: a later copy of the store that
was put back shows as a head behind the one on the paper.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field

import peewee as pw

from pos.card_data import refuse_card_number
from pos.errors import InputError, NotFound, StateError
from pos.money import Money, parse_money
from pos.sales import denominations
from pos.sales.orders import TENDERS, sale_rules
from pos.settings import load_settings
from pos.staff import users
from pos.store import journal, journal_records
from pos.store.db import database, translate_errors
from pos.store.models import EPOCH, BaseModel, UtcTimestampField, to_micros, utcnow

REASON_MAX = 200
NOTE_MAX = 500
_NOT_MONEY_TAKEN = ("voided", "declined")  # payment statuses that brought no money


class Shift(BaseModel):
    terminal_id = pw.TextField()
    currency = pw.TextField()
    opened_by = pw.IntegerField()  # staff_user
    opened_at = UtcTimestampField()
    opening_float = pw.BigIntegerField()
    closed_by = pw.IntegerField(null=True)
    closed_at = UtcTimestampField(null=True)
    expected = pw.TextField(null=True)  # JSON {tender: minor units}
    counted = pw.TextField(null=True)  # JSON {tender: minor units, "count": {note: pieces}}
    over_short = pw.BigIntegerField(null=True)
    note = pw.TextField(null=True)
    z_no = pw.IntegerField(null=True)
    report = pw.TextField(null=True)  # the Z report as saved (migration 0007)

    class Meta:
        table_name = "shift"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class CashMovement(BaseModel):
    shift = pw.ForeignKeyField(Shift, column_name="shift_id", backref="movements")
    kind = pw.TextField()  # in, out or no_sale
    amount = pw.BigIntegerField()
    reason = pw.TextField(null=True)
    user_id = pw.IntegerField()
    approval_id = pw.IntegerField(null=True)
    at = UtcTimestampField()

    class Meta:
        table_name = "cash_movement"


@dataclass(frozen=True)
class TaxTotal:
    rate_ppm: int
    net: int
    tax: int


@dataclass(frozen=True)
class ShiftReport:
    """An X report (figures so far) or a Z report (figures at the close, with the count).
    Amounts are minor units of `currency`; `money()` makes them Money."""

    kind: str  # "X" or "Z"
    shift_id: int
    terminal_id: str
    currency: str
    opened_at: dt.datetime
    opened_by: str
    at: dt.datetime  # when the figures were taken: now for an X, the close for a Z
    opening_float: int
    sales_count: int
    sales_total: int  # what the sales came to, cash rounding included
    discounts: int
    rounding: int
    tenders: dict[str, int]  # taken per tender, cash net of change
    change_given: int
    refunds_count: int
    refunds: dict[str, int]  # paid out per tender
    cash_in: int
    cash_in_count: int
    cash_out: int
    cash_out_count: int
    no_sales: int
    voids: int
    overrides: int
    taxes: tuple[TaxTotal, ...]
    expected: dict[str, int]  # per tender, cash = what the drawer should hold
    closed_by: str = ""
    approved_by: str = ""
    z_no: int | None = None
    counted: dict[str, int] = field(default_factory=dict)
    cash_count: dict[int, int] = field(default_factory=dict)  # denomination → pieces
    over_short: int = 0  # counted − expected cash
    note: str = ""
    journal_seq: int = 0  # the journal's head right after the Z report's entry
    journal_hash: str = ""
    journal_key: str = ""
    journal_first: str = ""  # entry 1's hash: a journal started again no longer matches

    def money(self, minor: int) -> Money:
        return Money(minor, self.currency)

    def to_json(self) -> dict:
        """Plain JSON values (times in UTC microseconds), as saved and journalled."""
        data = dataclasses.asdict(self)
        data.update(opened_at=to_micros(self.opened_at), at=to_micros(self.at),
                    cash_count={str(k): v for k, v in self.cash_count.items()})
        return data

    @classmethod
    def from_json(cls, data: dict) -> ShiftReport:
        def when(micros: int) -> dt.datetime:
            return EPOCH + dt.timedelta(microseconds=micros)

        return cls(**{**data, "opened_at": when(data["opened_at"]), "at": when(data["at"]),
                      "taxes": tuple(TaxTotal(**t) for t in data["taxes"]),
                      "cash_count": {int(k): v for k, v in data["cash_count"].items()}})


# --- opening and finding ------------------------------------------------------------

def open_shift(user: users.User, opening_float: Money | str, terminal_id: str) -> Shift:
    """Open the terminal's shift with the float counted into the drawer (text is read in
    the store's currency and locale); refused while one is open there."""
    user = _active(user)
    settings = load_settings()
    amount = _amount(opening_float, "opening float", allow_zero=True)
    if amount.currency != settings.currency:
        raise InputError(f"The float is in {amount.currency}; this store counts in "
                         f"{settings.currency}.")
    terminal_id = str(terminal_id).strip()
    with translate_errors(), database.atomic():
        _refuse_open(terminal_id)
        shift = Shift.create(terminal_id=terminal_id, currency=amount.currency,
                             opened_by=user.id, opened_at=utcnow(),
                             opening_float=amount.minor)
        journal.append("shift_open", {"shift_id": shift.id, "terminal_id": terminal_id,
                                      "opening_float": amount.minor,
                                      "currency": amount.currency}, user.id)
    return shift


def needed_before(terminal_id: str, *, cash: bool = True) -> bool:
    """Whether a payment on the terminal (taking cash, if `cash`) must first open a shift:
    the till asks for the float then (`pos.sales.orders.sale_rules` holds the rule)."""
    try:
        rules = sale_rules(str(terminal_id).strip())
    except StateError:
        return True
    return cash and rules.has_staff and rules.shift_id is None


def ensure_open(user: users.User, terminal_id: str,
                opening_float: Money | str | None = None) -> Shift:
    """The terminal's open shift, opened by `user` with `opening_float` (zero if None) when
    there is none: for scripts that sell as a user (the benchmarks, the fault campaign)."""
    shift = current_shift(terminal_id)
    if shift is not None:
        return shift
    amount = opening_float if opening_float is not None else Money.zero(
        load_settings().currency)
    try:
        return open_shift(user, amount, terminal_id)
    except StateError:  # another process opened it meanwhile
        shift = current_shift(terminal_id)
        if shift is None:
            raise
        return shift


def current_shift(terminal_id: str) -> Shift | None:
    """The shift open on the terminal, if any."""
    with translate_errors():
        return Shift.get_or_none(Shift.terminal_id == str(terminal_id).strip(),
                                 Shift.closed_at.is_null())


def last_closed_shift(terminal_id: str) -> Shift | None:
    """The terminal's latest Z: what `pos shift z` prints by default."""
    with translate_errors():
        return (Shift.select().where(Shift.terminal_id == str(terminal_id).strip(),
                                     Shift.z_no.is_null(False))
                .order_by(Shift.z_no.desc()).first())


def get_shift(shift: Shift | int) -> Shift:
    """The current row of a shift (by id or an older copy of its row)."""
    shift_id = shift.id if isinstance(shift, Shift) else shift
    with translate_errors():
        found = Shift.get_or_none(Shift.id == shift_id) if type(shift_id) is int else None
    if found is None:
        raise NotFound(f"There is no shift {shift_id}.")
    return found


def _refuse_open(terminal_id: str) -> None:
    if not terminal_id:
        raise InputError("Give the terminal's id to open a shift on.")
    open_ = current_shift(terminal_id)
    if open_ is not None:
        raise StateError(f"Shift {open_.id} is already open on terminal {terminal_id}; close "
                         "it before opening another.")


# --- cash in and out ----------------------------------------------------------------

def cash_move(shift: Shift | int, user: users.User, kind: str, amount: Money | str,
              reason: str, approver: str | int | users.User | None = None,
              approver_secret: str | None = None) -> CashMovement:
    """Put cash into the drawer ("in") or take it out ("out"), with a reason. Taking out
    more than the drawer should hold is refused."""
    if kind not in ("in", "out"):
        raise InputError(f"{kind!r} is not a cash movement; use in or out.")
    shift = _open(shift)
    money = _amount(amount, "amount", currency=shift.currency)
    reason = _text(reason, REASON_MAX, "reason")
    if not reason:
        raise InputError(f"Say why cash goes {kind} of the drawer.")
    if kind == "out":
        _check_drawer(shift, money)
    approval = users.require(user, "cash_in_out", approver, approver_secret)
    return _record(shift, user, kind, money, reason, approval, "cash_" + kind)


def no_sale(shift: Shift | int, user: users.User,
            approver: str | int | users.User | None = None,
            approver_secret: str | None = None, reason: str = "",
            approval: users.Approval | None = None) -> CashMovement:
    """Record that the drawer was opened without a sale (call before kicking it open).
    `approval` is one a supervisor already gave on the spot for this user."""
    shift = _open(shift)
    reason = _text(reason, REASON_MAX, "reason")
    if approval is None or approval.action != "no_sale_drawer" or approval.user_id != user.id:
        approval = users.require(user, "no_sale_drawer", approver, approver_secret)
    return _record(shift, user, "no_sale", Money.zero(shift.currency), reason, approval,
                   "no_sale")


def _record(shift: Shift, user, kind: str, money: Money, reason: str,
            approval: users.Approval | None, journal_kind: str) -> CashMovement:
    user = users.find_user(user)
    with translate_errors(), database.atomic():
        shift = _open(shift)
        if kind == "out":
            _check_drawer(shift, money)
        movement = CashMovement.create(shift=shift.id, kind=kind, amount=money.minor,
                                       reason=reason or None, user_id=user.id,
                                       approval_id=approval.id if approval else None,
                                       at=utcnow())
        journal.append(journal_kind, journal_records.bind({
            "shift_id": shift.id, "movement_id": movement.id, "amount": money.minor,
            "currency": money.currency, "reason": reason,
            "approval_id": approval.id if approval else None}), user.id)
    return movement


def _check_drawer(shift: Shift, amount: Money) -> None:
    held = Money(_figures(shift).expected["cash"], shift.currency)
    if amount > held:
        raise InputError(f"The drawer should hold only {_shown(held)}, so "
                         f"{_shown(amount)} cannot be taken out.")


# --- reports ------------------------------------------------------------------------

def x_report(shift: Shift | int) -> ShiftReport:
    """The shift's figures so far; changes nothing, as often as wanted."""
    with translate_errors(), database.atomic("DEFERRED"):
        return _figures(get_shift(shift))


def z_report(shift: Shift | int) -> ShiftReport:
    """The Z report saved when the shift closed, for a reprint."""
    shift = get_shift(shift)
    if shift.report is None:
        raise StateError(f"Shift {shift.id} is still open, so it has no Z report yet; print "
                         "an X report or close the shift.")
    return ShiftReport.from_json(json.loads(shift.report))


def _figures(shift: Shift) -> ShiftReport:
    """The X report of `shift`, read in the caller's transaction."""
    def rows(sql: str) -> list[tuple]:
        return database.execute_sql(sql, (shift.id,)).fetchall()

    paid = "o.shift_id = ? AND o.receipt_no IS NOT NULL"
    count, total, discounts, rounding = rows(
        "SELECT count(*), coalesce(sum(o.total + o.rounding), 0), coalesce(sum(o.discount), "
        f"0), coalesce(sum(o.rounding), 0) FROM orders o WHERE {paid}")[0]
    tenders, change = dict.fromkeys(TENDERS, 0), 0
    for tender, amount, given in rows(
            "SELECT p.tender, sum(p.amount), sum(p.change) FROM payment p "
            f"JOIN orders o ON o.id = p.order_id WHERE {paid} "
            f"AND p.status NOT IN {_NOT_MONEY_TAKEN} GROUP BY p.tender"):
        tenders[tender] = amount
        change += given
    # a refund pays out of each tender what its parts gave back to it (a split sale's
    # refund: cash from the drawer, the card part through the gateway)
    refunds = dict.fromkeys(TENDERS, 0)
    for tender, amount in rows("SELECT p.tender, sum(p.amount) FROM refund_part p "
                               "JOIN refund r ON r.id = p.refund_id WHERE r.shift_id = ? "
                               "GROUP BY p.tender"):
        refunds[tender] = amount
    refunds_count = rows("SELECT count(*) FROM refund WHERE shift_id = ?")[0][0]
    moves = {kind: (number, amount) for kind, number, amount in rows(
        "SELECT kind, count(*), sum(amount) FROM cash_movement WHERE shift_id = ? "
        "GROUP BY kind")}
    (cash_in_count, cash_in), (cash_out_count, cash_out) = (moves.get(k, (0, 0))
                                                            for k in ("in", "out"))
    taxes = tuple(TaxTotal(*r) for r in rows(
        "SELECT l.tax_rate_ppm, sum(l.net), sum(l.tax) FROM order_line l "
        f"JOIN orders o ON o.id = l.order_id WHERE {paid} GROUP BY l.tax_rate_ppm "
        "ORDER BY l.tax_rate_ppm"))
    voids = rows("SELECT count(*) FROM orders o WHERE o.shift_id = ? "
                 "AND o.status = 'cancelled'")[0][0]
    overrides = rows("SELECT count(*) FROM order_line l JOIN orders o ON o.id = l.order_id "
                     f"WHERE {paid} AND l.override_reason IS NOT NULL")[0][0]
    expected = {tender: tenders[tender] - refunds[tender] for tender in TENDERS}
    expected["cash"] += shift.opening_float + cash_in - cash_out
    return ShiftReport(
        kind="X", shift_id=shift.id, terminal_id=shift.terminal_id, currency=shift.currency,
        opened_at=shift.opened_at, opened_by=_name(shift.opened_by), at=utcnow(),
        opening_float=shift.opening_float, sales_count=count, sales_total=total,
        discounts=discounts, rounding=rounding, tenders=tenders, change_given=change,
        refunds_count=refunds_count, refunds=refunds, cash_in=cash_in,
        cash_in_count=cash_in_count, cash_out=cash_out, cash_out_count=cash_out_count,
        no_sales=moves.get("no_sale", (0, 0))[0], voids=voids, overrides=overrides,
        taxes=taxes, expected=expected)


# --- closing ------------------------------------------------------------------------

def close_shift(shift: Shift | int, user: users.User, counted: dict, note: str = "",
                approver: str | int | users.User | None = None,
                approver_secret: str | None = None) -> ShiftReport:
    """Close the shift with the drawer counted by denomination (`{note or coin in minor
    units: pieces}`): saves expected and counted, numbers and saves the Z report."""
    shift = _open(shift)
    count = denominations.parse_count(counted, shift.currency)
    note = _text(note, NOTE_MAX, "note")
    threshold = load_settings().shift_note_threshold
    with translate_errors(), database.atomic("DEFERRED"):
        _check_note(_figures(shift), count, note, threshold)
    approval = users.require(user, "close_shift", approver, approver_secret)
    user = users.find_user(user)
    with translate_errors(), database.atomic():
        shift = _open(shift)
        report = _check_note(_figures(shift), count, note, threshold)
        closed_at = utcnow()
        z_no = database.execute_sql(
            "SELECT coalesce(max(z_no), 0) + 1 FROM shift WHERE terminal_id = ?",
            (shift.terminal_id,)).fetchone()[0]
        report = dataclasses.replace(
            report, kind="Z", at=closed_at, closed_by=user.name, z_no=z_no, note=note,
            approved_by=_name(approval.approver_id) if approval else "")
        counted_json = {**report.counted, "count": report.to_json()["cash_count"]}
        Shift.update(closed_by=user.id, closed_at=closed_at, z_no=z_no,
                     expected=journal.canonical_json(report.expected),
                     counted=journal.canonical_json(counted_json),
                     over_short=report.over_short, note=note or None).where(
            Shift.id == shift.id).execute()
        journal.append("shift_close", {
            "shift_id": shift.id, "terminal_id": shift.terminal_id, "z_no": z_no,
            "expected": report.expected, "counted": counted_json,
            "over_short": report.over_short, "note": note,
            "approval_id": approval.id if approval else None}, user.id, at=closed_at)
        entry = journal.append("z_report", report.to_json(), user.id, at=closed_at)
        report = dataclasses.replace(report, journal_seq=entry.seq, journal_hash=entry.hash,
                                     journal_key=entry.key_id,
                                     journal_first=journal.first_hash())
        Shift.update(report=journal.canonical_json(report.to_json())).where(
            Shift.id == shift.id).execute()
    return report


def _check_note(report: ShiftReport, count: dict[int, int], note: str,
                threshold: int) -> ShiftReport:
    """The report with the count, over/short and counted per tender; InputError when the
    difference is past the threshold and there is no note."""
    cash = denominations.total(count, report.currency).minor
    over_short = cash - report.expected["cash"]
    if abs(over_short) > threshold and not note:
        word = "over" if over_short > 0 else "short"
        raise InputError(f"The drawer is {word} by {_shown(report.money(abs(over_short)))}, "
                         f"more than {_shown(report.money(threshold))}: write a note saying "
                         "why before closing.")
    return dataclasses.replace(
        report, cash_count={k: v for k, v in count.items() if v},
        counted={"cash": cash, "card": report.expected["card"]}, over_short=over_short)


# --- helpers ------------------------------------------------------------------------

def _open(shift: Shift | int) -> Shift:
    shift = get_shift(shift)
    if not shift.is_open:
        raise StateError(f"Shift {shift.id} was already closed (Z {shift.z_no}); open a new "
                         "shift.")
    return shift


def _active(user) -> users.User:
    user = users.find_user(user)
    if user.disabled:
        raise users.AccessDenied(f"{user.name} is disabled; ask a manager.")
    return user


def _amount(value: Money | str, what: str, *, currency: str | None = None,
            allow_zero: bool = False) -> Money:
    """A positive amount (zero too if allowed) from Money or text typed in the store's
    locale and currency."""
    if isinstance(value, Money):
        money = value.check_range(what)
        if money.minor < 0:
            raise InputError(f"The {what} cannot be negative.")
    elif isinstance(value, str):
        settings = load_settings()
        money = parse_money(value, currency or settings.currency, settings.locale, what=what)
    else:
        raise InputError(f"Type the {what} as an amount, like 20.00.")
    if currency and money.currency != currency:
        raise InputError(f"The {what} is in {money.currency}; this shift counts in {currency}.")
    if not money.minor and not allow_zero:
        raise InputError(f"The {what} must be more than zero.")
    return money


def _shown(money: Money) -> str:
    """An amount in a message, as the store writes it."""
    return money.format(load_settings().locale)


def _text(value, limit: int, what: str) -> str:
    text = " ".join(str(value or "").split())
    if len(text) > limit:
        raise InputError(f"The {what} is at most {limit} characters.")
    refuse_card_number(text)
    return text


def _name(user_id: int | None) -> str:
    if user_id is None:
        return ""
    with translate_errors():
        user = users.User.get_or_none(users.User.id == user_id)
    return user.name if user else f"#{user_id}"
