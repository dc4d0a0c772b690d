"""The checkout: take the customer's money, by cash, card or both, then save the sale.

The dialog only gathers input: the split-tender rules are `pos.sales.tendering`,
quick cash is `pos.sales.cash`, and the save is one `complete_sale` transaction. A
failed save (full disk, read-only file) keeps every payment entered, so the
cashier retries; the receipt number is assigned only by the save that works.

While a card charge or void is in flight its answer arrives later, through a
callback: `pos.sales.checkout_flow` holds the checkout's phase and says which
actions are allowed meanwhile (none that could conflict), so no event loop of
its own is ever needed. A sale placed for a card payment is held from the
terminal's reconciliation until the checkout closes.

With a gateway that takes them (Settings), the customer may also pay what is
still due with a wallet: a payment code scanned (the register hands the scan
over, `take_scan`), typed in the amount field or through the Wallet button, or
the store's QR code they scan (the QR button). A payment code is a bearer
credential: it goes to the charge and nowhere else (no label, log or message).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos.errors import InputError, PosError
from pos.money import Money, parse_money
from pos.payments.attempts import cancel_placed
from pos.payments.wallet_codes import recognise
from pos.sales.cart import Cart
from pos.sales.cash import decimal_sign, entry_text
from pos.sales.checkout_flow import Action, CheckoutFlow, Phase
from pos.sales.orders import (
    Tender,
    approvals_needed,
    complete_sale,
    pay_order,
    place_order,
    receipt_label,
)
from pos.sales.tendering import TenderPlan, cash_tender
from pos.store.models import Order
from ui.app import load_page_style
from ui.checkout.card_terminal import (
    CardCharger,
    ChargeResult,
    ExternalTerminalCharger,
    PayMethod,
)
from ui.checkout.quick_cash import QuickCashBar
from ui.checkout.summary_panel import SummaryPanel
from ui.checkout.wallet_code_dialog import (
    MAX_CODE_LENGTH,
    WalletCodeDialog,
    sandbox_test_codes,
)
from ui.forms import empty_and_forget
from ui.keypad import Keypad
from ui.session import Session
from ui.staff import request_approval

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1100, 690)  # inside a 1366×768 screen with its task bar
MINIMUM_SIZE = (940, 640)  # inside a 1024×768 screen with its task bar
ReceiptPrinter = Callable[[Order, QWidget], None]
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class CheckoutDialog(QDialog):
    """Modal (the register opens it with `open()`); it finishes Accepted once the sale is
    saved, and `order` is that sale.

    `card_charger` is the card step (a standalone terminal until the payments
    issue brings a gateway). `receipt_printer(order, dialog)`, if set, is
    called once the sale is saved (the receipts issue); a failure there is
    shown but never costs the sale.

    What the customer should see (ui.customer_display) is emitted, never asked for:
    `dueChanged`, `cardCharging` and `paid`; closing is QDialog's `finished`.
    """

    dueChanged = Signal(object, object)
    """What is still due and what is paid so far (Money, Money)."""
    cardCharging = Signal(object)
    """The amount of a card charge in flight (Money), or None when none is."""
    paid = Signal(object)
    """The sale is saved; the change to hand back (Money, zero for none)."""

    def __init__(self, session: Session, cart: Cart, tender: str = "cash",
                 parent: QWidget | None = None, *, card_charger: CardCharger | None = None,
                 receipt_printer: ReceiptPrinter | None = None, approvals=()) -> None:
        super().__init__(parent)
        self.session = session
        self.cart = cart
        self.order: Order | None = None
        self.placed: Order | None = None  # saved awaiting payment, for a gateway charge
        self.approvals = tuple(approvals)  # a supervisor's, for overrides in this cart
        self.receipt_printer = receipt_printer
        self.locale = session.settings.locale
        self.card_charger = card_charger or ExternalTerminalCharger(self.locale)
        self.totals = cart.totals()
        self.plan = TenderPlan(self.totals.total, session.settings.cash_rounding)
        self.kind = "card" if tender == "card" else "cash"
        self.change: Money | None = None
        self.charging: Money | None = None  # the card or wallet charge in flight
        self.flow = CheckoutFlow()
        self._closing = False  # Esc: void the card payments, then cancel the sale
        self.asking: QDialog | None = None  # a question (approval, "cancel?") is open
        self._not_needed: set[str] = set()  # approvals the user's role now covers

        self.setObjectName("checkoutDialog")
        # Before the children: each is polished once with it, not polished and redone (a
        # tenth of the time the checkout takes to open).
        load_page_style(self, "checkout")
        self.setWindowTitle(self.tr("Checkout"))
        self.setModal(True)
        self.setMinimumSize(*MINIMUM_SIZE)
        room = parent.window().size() if parent is not None else None  # never over the till
        self.resize(min(DEFAULT_SIZE[0], room.width()) if room else DEFAULT_SIZE[0],
                    min(DEFAULT_SIZE[1], room.height()) if room else DEFAULT_SIZE[1])
        layout = QHBoxLayout(self)
        # A fixed minimum: messages and payments appearing never resize the window.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(16)
        self.summary = SummaryPanel(cart, self.totals, self.locale, self)
        self.summary.removeRequested.connect(self.remove_payment)
        self.payment_list = self.summary.payment_list
        self.change_label = self.summary.change_label
        layout.addWidget(self.summary)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_entry())
        self.pages.addWidget(self._build_done())
        layout.addWidget(self.pages, 1)
        for key, action in (("F2", lambda: self.set_tender("cash")),
                            ("F3", lambda: self.set_tender("card")),
                            ("F4", self.add_part_payment),
                            ("F5", self.ask_wallet_code),
                            ("F6", self.charge_store_qr)):
            QShortcut(QKeySequence(key), self, action)
        self.set_tender(self.kind)

    # building ----------------------------------------------------------------
    def _label(self, name: str, text: str = "", accessible: str | None = None) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(name)
        if accessible:
            label.setAccessibleName(accessible)
        return label

    def _button(self, name: str, text: str, accessible: str, action) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        button.setAutoDefault(False)  # Enter belongs to the checkout, not to a button
        button.setMinimumHeight(56)
        button.clicked.connect(action)
        return button

    def _build_entry(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("checkoutEntry")
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(8)

        self.cash_button = self._button("cashTenderButton", self.tr("Cash   F2"),
                                        self.tr("Pay in cash"), lambda: self.set_tender("cash"))
        self.card_button = self._button("cardTenderButton", self.tr("Card   F3"),
                                        self.tr("Pay by card"), lambda: self.set_tender("card"))
        self.tender_group = QButtonGroup(self)
        tenders = QHBoxLayout()
        for button in (self.cash_button, self.card_button):
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.tender_group.addButton(button)
            tenders.addWidget(button)
        box.addLayout(tenders)
        self.wallet_button = self._button("walletButton", self.tr("Wallet code   F5"),
                                          self.tr("Charge the customer's wallet payment code"),
                                          self.ask_wallet_code)
        self.qr_button = self._button("storeQrButton", self.tr("Customer scans QR   F6"),
                                      self.tr("Show the store's QR code for the customer "
                                              "to pay"), self.charge_store_qr)
        wallets = QHBoxLayout()
        for button, kind in ((self.wallet_button, "wallet_code"),
                             (self.qr_button, "store_qr")):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setVisible(self.card_charger.offers(kind))
            wallets.addWidget(button)
        box.addLayout(wallets)

        self.input_caption = self._label("tenderedCaption")
        box.addWidget(self.input_caption)
        self.tendered_input = QLineEdit(self)
        self.tendered_input.setObjectName("tenderedInput")
        self.tendered_input.setAccessibleName(self.tr("Amount tendered"))
        self.tendered_input.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.tendered_input.setMinimumHeight(60)
        self.tendered_input.setMaxLength(MAX_CODE_LENGTH)  # an amount, or a payment code
        self.tendered_input.textChanged.connect(self._on_text_changed)
        box.addWidget(self.tendered_input)
        self.message_label = self._label("messageLabel")
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName(self.tr("Message"))
        self.message_label.hide()
        box.addWidget(self.message_label)

        self.quick_cash = QuickCashBar(self.locale, page)
        self.quick_cash.amountChosen.connect(self._on_quick_cash)
        box.addWidget(self.quick_cash)
        self.card_hint = self._label("cardHint", self._card_hint())
        self.card_hint.setWordWrap(True)
        box.addWidget(self.card_hint)
        self.keypad = Keypad(self.tendered_input,
                             decimal_sign(self.cart.currency, self.locale), page)
        box.addWidget(self.keypad, 1)

        actions = QHBoxLayout()
        self.cancel_button = self._button("cancelButton", self.tr("Cancel   Esc"),
                                          self.tr("Cancel the checkout"), self.reject)
        self.part_button = self._button("addPaymentButton", self.tr("Part payment   F4"),
                                        self.tr("Take this cash as a part payment"),
                                        self.add_part_payment)
        self.complete_button = self._button("completeSaleButton", "",
                                            self.tr("Complete the sale"), self.commit)
        for button in (self.cancel_button, self.part_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.part_button)
        box.addLayout(actions)
        box.addWidget(self.complete_button)  # its own row: the widest text, the main action
        return page

    def _build_done(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("checkoutDone")
        box = QVBoxLayout(page)
        box.setContentsMargins(24, 24, 24, 24)
        box.addStretch(1)
        box.addWidget(self._label("doneTitle", self.tr("Sale complete")),
                      0, Qt.AlignmentFlag.AlignHCenter)
        self.receipt_label = self._label("receiptLabel", accessible=self.tr("Receipt number"))
        box.addWidget(self.receipt_label, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addSpacing(16)
        box.addWidget(self._label("doneChangeCaption", self.tr("Change due")),
                      0, Qt.AlignmentFlag.AlignHCenter)
        self.done_change_label = self._label("doneChangeLabel",
                                             accessible=self.tr("Change due"))
        box.addWidget(self.done_change_label, 0, Qt.AlignmentFlag.AlignHCenter)
        self.done_message = self._label("doneMessage")
        self.done_message.setWordWrap(True)
        self.done_message.hide()
        box.addWidget(self.done_message)
        box.addStretch(1)
        self.next_button = self._button("nextSaleButton", self.tr("Next sale   Enter"),
                                        self.tr("Close and start the next sale"), self.accept)
        box.addWidget(self.next_button)
        return page

    # state shown ---------------------------------------------------------------
    def set_tender(self, kind: str) -> None:
        """Switch the tender being entered (F2 cash, F3 card); a card starts at what is due."""
        if not self.flow.allows(Action.TYPE):
            return
        self.kind = "card" if kind == "card" else "cash"
        (self.card_button if self.kind == "card" else self.cash_button).setChecked(True)
        cash = self.kind == "cash"
        self.input_caption.setText(self.tr("Cash received") if cash
                                   else self.tr("Amount to charge on the card"))
        self.quick_cash.setVisible(cash)
        self.part_button.setVisible(cash)
        self.card_hint.setVisible(not cash)
        self.tendered_input.setText("" if cash or self.plan.settled
                                    else entry_text(self.plan.due("card"), self.locale))
        self.tendered_input.selectAll()
        self.tendered_input.setFocus()
        self._show_message("")
        self._refresh()

    def _card_hint(self) -> str:
        """What Enter does with a card, in the words of the gateway in use (a standalone
        terminal, the sandbox, or a real gateway over HTTPS)."""
        gateway = getattr(self.card_charger, "gateway_name", "external")
        if getattr(self.card_charger, "reader", ""):
            return self.tr("Press Enter to send this amount to the card reader; the customer "
                           "taps, inserts or swipes the card there. A smaller amount is a part "
                           "payment.")
        if gateway == "external":
            return self.tr("Press Enter, charge this amount on the card terminal, then "
                           "confirm it here. A smaller amount is a part payment.")
        if gateway == "sandbox":
            return self.tr("Press Enter to charge this amount through the sandbox gateway "
                           "with a test card: no real money moves. A smaller amount is a part "
                           "payment.")
        return self.tr("Press Enter to charge this amount through the card gateway; the "
                       "customer follows the card reader and the answer shows here. A "
                       "smaller amount is a part payment.")

    def _refresh(self) -> None:
        settled = self.plan.settled
        flow = self.flow
        self.summary.show_plan(self.plan, self.kind, removable=flow.allows(Action.REMOVE))
        self.quick_cash.set_due(self.plan.due("cash"))
        typing = flow.allows(Action.TYPE) and not settled
        for widget in (self.tendered_input, self.keypad, self.quick_cash, self.part_button,
                       self.cash_button, self.card_button):
            widget.setEnabled(typing)
        for button in (self.wallet_button, self.qr_button):
            button.setEnabled(typing and flow.allows(Action.CHARGE))
        self.complete_button.setEnabled(flow.allows(Action.COMPLETE)
                                        or flow.allows(Action.CHARGE))
        self.cancel_button.setEnabled(flow.allows(Action.CANCEL))
        due = self.plan.due("cash")
        self.tendered_input.setPlaceholderText(
            self.tr("{amount} exact: press Enter alone").format(amount=self._fmt(due))
            if self.kind == "cash" and due.minor > 0 else "")
        if settled or self.kind == "cash":
            self.complete_button.setText(self.tr("Complete sale   Enter"))
        else:
            self.complete_button.setText(self.tr("Charge card   Enter"))
        self._update_change()
        self._tell_customer()

    def _tell_customer(self) -> None:
        """What is due and any card charge in flight, for the customer display."""
        self.dueChanged.emit(self.plan.due(self.kind), self.plan.paid)
        self.cardCharging.emit(self.charging if self.flow.phase == Phase.CHARGING else None)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._tell_customer()  # whoever watches began after the first _refresh

    def _update_change(self) -> None:
        """Change due as the cashier types; none until the cash covers what is due."""
        self.change = None
        if self.plan.settled:
            self.change = Money.zero(self.cart.currency)
        elif self.kind == "cash":
            try:
                handed = self._amount(quiet=True)
            except PosError:
                handed = None
            if handed is not None and self.plan.change(handed).minor >= 0:
                self.change = self.plan.change(handed)
        self.summary.show_change(self.change)

    def _fmt(self, money: Money) -> str:
        return money.format(self.locale)

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    # input -----------------------------------------------------------------------
    def _amount(self, quiet: bool = False) -> Money | None:
        """The typed amount; raises `InputError` with a plain sentence when it is no amount."""
        text = self.tendered_input.text()
        if not text.strip():
            if quiet:
                return None
            raise InputError(self.tr("Type the amount received, or choose a quick-cash amount.")
                             if self.kind == "cash" else
                             self.tr("Type the amount to charge on the card."))
        return parse_money(text, self.cart.currency, self.locale)

    def _on_text_changed(self, _text: str) -> None:
        self._show_message("")
        self._update_change()

    def _on_quick_cash(self, amount: Money) -> None:
        self.tendered_input.setText(entry_text(amount, self.locale))
        self.tendered_input.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Enter completes (or closes once saved); digits typed anywhere go to the amount."""
        if event.key() in _ENTER:
            event.accept()
            self.commit()
            return
        if self._types_into_amount(event):
            self.tendered_input.setFocus()
            self.tendered_input.insert(event.text())
            event.accept()
            return
        if self.order is not None and event.key() == Qt.Key.Key_Space:
            self.accept()
            return
        super().keyPressEvent(event)

    def _types_into_amount(self, event: QKeyEvent) -> bool:
        text = event.text()
        sign = decimal_sign(self.cart.currency, self.locale)
        return (bool(text) and self.flow.allows(Action.TYPE)
                and self.tendered_input.isEnabled()
                and (text.isdigit() and text.isascii() or text == sign)
                and not event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier
                                              | Qt.KeyboardModifier.ShiftModifier))

    # actions ---------------------------------------------------------------------
    def commit(self) -> None:
        """Enter / Complete: save with the cash typed, or charge the card typed; nothing
        while a charge or void is in flight (its answer decides what comes next)."""
        if self.flow.allows(Action.NEXT):
            self.accept()
        elif (self.flow.busy or not self.flow.allows(Action.COMPLETE)
              or self._typed_wallet_code()):
            return
        elif self.plan.settled:
            self._complete(None)
        elif self.kind == "card":
            self._charge_card()
        else:
            self._pay_cash()

    def _approved(self, then: Callable[[], None]) -> bool:
        """Overrides or a big discount in this cart that the cashier may not give alone:
        a supervisor approves once, before any money is taken. True when nothing is
        missing; else the approval dialog opens (`open()`, no local event loop), and
        `then` runs once every approval is given (nothing happens if one is refused)."""
        try:
            needed = approvals_needed(self.cart, self.session.terminal_id, self.session.user)
        except PosError as exc:
            self._show_message(str(exc))
            return False
        have = {a.action for a in self.approvals} | self._not_needed
        missing = [action for action in needed if action not in have]
        if not missing:
            return True
        if self.asking is not None:
            return False

        def answered(result) -> None:
            self.asking = None
            if not result.allowed:
                self._show_message(self.tr("This sale needs a supervisor's approval."))
                self._refresh()
                return
            self.approvals += result.approvals
            if result.approval is None:  # the user was given the right meanwhile
                self._not_needed.add(missing[0])
            then()

        self.asking = request_approval(self.session.user, missing[0], self, answered)
        return False

    def _pay_cash(self) -> None:
        """Enter with the cash typed; with nothing typed, the customer gave the exact
        amount due (one key for the commonest cash sale)."""
        try:
            handed = self._amount(quiet=True)
            if handed is None:
                handed = self.plan.due("cash")
        except PosError as exc:
            self._show_message(str(exc))
            return
        short = -self.plan.change(handed)
        if short.minor > 0:
            self._show_message(self.tr("{amount} is still due. Type more, or press F4 to take "
                                       "this as a part payment.").format(amount=self._fmt(short)))
            return
        self._complete(cash_tender(handed))

    def add_part_payment(self) -> None:
        """F4: the cash typed pays part of the sale; the rest is paid next (card or cash)."""
        if not self.flow.allows(Action.TYPE) or self.plan.settled:
            return
        if self.kind == "card":
            self._charge_card()
            return
        try:
            self.plan.add(cash_tender(self._amount()))
        except PosError as exc:
            self._show_message(str(exc))
            return
        self.tendered_input.clear()
        self._refresh()

    def _charge_card(self) -> None:
        if not self.flow.allows(Action.CHARGE) or not self._approved(self._charge_card):
            return
        try:
            amount = self._amount()
        except PosError as exc:
            self._show_message(str(exc))
            return
        self._charge(amount, PayMethod())

    def _charge(self, amount: Money, method: PayMethod) -> None:
        """Hand `amount` to the card step; its answer comes back through `_charged`."""
        try:
            self.plan.check(Tender("card", amount))
            self.charging = amount
            self.flow.fire("charge")
            self._refresh()
            self.card_charger.charge(amount, self, self._order_for, self._charged, method)
        except PosError as exc:  # it never started: nothing is in flight
            if self.flow.phase == Phase.CHARGING:
                self.flow.fire("not_charged")
            self._show_message(str(exc))
            self._refresh()

    # wallets ------------------------------------------------------------------------
    def _can_charge_wallet(self, kind: str) -> bool:
        return (self.card_charger.offers(kind) and self.flow.allows(Action.CHARGE)
                and self.flow.allows(Action.TYPE) and not self.plan.settled)

    def take_scan(self, code: str) -> bool:
        """A scan while the checkout is open (from the register's scanner): a wallet's
        payment code is charged for what is still due (True); anything else is not the
        checkout's (False: the register keeps it for the next sale)."""
        wallet = recognise(code)
        if wallet is None or not self.card_charger.offers("wallet_code"):
            return False
        if isinstance(self.asking, WalletCodeDialog):  # scanned instead of typed
            self.asking.use_code(code)
        elif self.asking is None and self._can_charge_wallet("wallet_code"):
            self.charge_wallet_code(wallet, code)
        else:
            self._show_message(self.tr("A payment code was scanned, but this sale takes no "
                                       "payment now. Scan it again when the checkout is "
                                       "ready."))
        return True

    def _typed_wallet_code(self) -> bool:
        """Enter on a payment code typed (or scanned) into the amount field."""
        code = self.tendered_input.text().strip()
        wallet = recognise(code)
        if wallet is None or not self._can_charge_wallet("wallet_code"):
            return False
        empty_and_forget(self.tendered_input)  # the code never stays, not even for Ctrl+Z
        self.charge_wallet_code(wallet, code)
        return True

    def ask_wallet_code(self) -> None:
        """F5 / Wallet: the cashier types the code the customer's phone shows."""
        if not self._can_charge_wallet("wallet_code") or self.asking is not None:
            return
        demo = getattr(self.session.card_service, "sandbox", None) is not None
        self.asking = dialog = WalletCodeDialog(self.plan.due("card").format(self.locale),
                                                sandbox_test_codes() if demo else None, self)

        def answered(_code: int) -> None:
            self.asking = None
            wallet, code = dialog.wallet, dialog.take_code()
            dialog.deleteLater()
            self.activateWindow()
            if wallet is not None and self._can_charge_wallet("wallet_code"):
                self.charge_wallet_code(wallet, code)

        dialog.finished.connect(answered)
        dialog.open()

    def charge_wallet_code(self, wallet: str, code: str) -> None:
        """Charge what is still due to the wallet of this payment code."""
        if self._approved(lambda: self.charge_wallet_code(wallet, code)):
            self._charge(self.plan.due("card"), PayMethod("wallet_code", wallet, code))

    def charge_store_qr(self) -> None:
        """F6 / QR: the customer scans the store's QR code to pay what is still due."""
        if self._can_charge_wallet("store_qr") and self.asking is None \
                and self._approved(self.charge_store_qr):
            self._charge(self.plan.due("card"), PayMethod("store_qr"))

    def _charged(self, result: ChargeResult) -> None:
        """The card step's answer, back on the GUI thread."""
        if result.tender is None:
            if result.unknown:  # the charge window offered "check again"; left to reconcile
                self.flow.fire("unknown")
                self.flow.fire("leave")
                self._show_message(result.message or self.tr(
                    "No clear answer from the card gateway: it is checked automatically. "
                    "Do not charge the card again; take another payment or wait."))
            else:
                self.flow.fire("not_charged")
                self._show_message(result.message or self.tr("The card was not charged."))
            self._refresh()
            return
        self.plan.payments.append(result.tender)  # the gateway checked it against what was due
        self.flow.fire("approved", settled=self.plan.settled)
        if self.plan.settled:
            self._refresh()
            self._complete(None)
        else:
            self.set_tender("cash")  # the rest is usually cash; F3 charges another card

    def _order_for(self) -> Order:
        """The sale saved awaiting payment, so a gateway charge has an order to belong to;
        the terminal's reconciliation leaves it to this checkout until it closes."""
        if self.placed is None:
            self.placed = place_order(self.cart, self.session.terminal_id,
                                      self.session.actor(*self.approvals))
            if self.session.card_service is not None:
                self.session.card_service.hold(self.placed.id)
        return self.placed

    def remove_payment(self, index: int) -> None:
        """Take a part payment back: a card one only once it is voided."""
        if not self.flow.allows(Action.REMOVE) or not 0 <= index < len(self.plan.payments):
            return
        payment = self.plan.payments[index]
        if payment.kind == "card":
            self._void(payment, settled_later=False)
            return
        self.plan.remove(index)
        self.set_tender(self.kind)

    def _void(self, payment: Tender, settled_later: bool) -> None:
        """Void a card part payment; the checkout waits in "voiding" for the answer."""
        self.flow.fire("void")
        self._show_message(self.tr("Voiding the card payment of {amount}…").format(
            amount=self._fmt(payment.amount)))
        self._refresh()
        try:
            self.card_charger.void(payment, self, settled_later,
                                   lambda voided, why: self._voided(payment, voided, why))
        except PosError as exc:
            self._voided(payment, False, str(exc))

    def _voided(self, payment: Tender, voided: bool, why: str) -> None:
        if voided:
            self.plan.payments.remove(payment)
            self.flow.fire("voided", settled=self.plan.settled)
            self._show_message("")
            if self._closing:
                self._cancel_next()
                return
            self.set_tender(self.kind)
            return
        self.flow.fire("void_failed", settled=self.plan.settled)
        text = (self.tr("Void the card payment before cancelling, or complete the sale.")
                if self._closing else self.tr("The card payment stays: it was not voided."))
        self._closing = False
        self._show_message(f"{text} {why}".strip())
        self._refresh()

    def _complete(self, final: Tender | None) -> None:
        if not self.flow.allows(Action.COMPLETE) or not self._approved(
                lambda: self._complete(final)):
            return
        try:
            tenders = self.plan.tenders(final)
            if self.placed is None:
                order = complete_sale(self.cart, self.session.terminal_id, tenders,
                                      cash_rounding=self.plan.cash_rounding,
                                      actor=self.session.actor(*self.approvals))
            else:  # the gateway's payments are on the order already
                order = pay_order(self.placed, [t for t in tenders if not t.recorded],
                                  cash_rounding=self.plan.cash_rounding)
        except PosError as exc:  # nothing was saved: keep the payments so the cashier retries
            log.warning("The sale was not saved: %s", exc)
            self._show_message(str(exc))
            return
        self.order = order
        self.flow.fire("saved")
        self._refresh()
        change = Money(sum(p.change for p in order.payments), order.currency)
        self._show_done(order, change)
        self.paid.emit(change)
        self.session.ordersChanged.emit()
        self._print_receipt(order)

    def _show_done(self, order: Order, change: Money) -> None:
        self.change = change
        self.summary.show_change(change)
        self.summary.show_saved(order)
        self.receipt_label.setText(self.tr("Receipt {number}").format(
            number=receipt_label(order)))
        self.done_change_label.setText(self._fmt(change))
        self.pages.setCurrentIndex(1)
        self.next_button.setFocus()

    def _print_receipt(self, order: Order) -> None:
        """The receipts issue's hook: the sale is saved already, so a failure costs nothing."""
        if self.receipt_printer is None:
            return
        try:
            self.receipt_printer(order, self)
        except PosError as exc:
            self.done_message.setText(str(exc))
            self.done_message.show()

    # closing -----------------------------------------------------------------------
    def reject(self) -> None:
        """Esc: leave without saving; once saved it means done. Card payments taken are
        voided first (the money moved at the gateway), one at a time; nothing happens
        while a charge or a void is in flight."""
        if self.flow.allows(Action.NEXT):
            self.accept()
            return
        if not self.flow.allows(Action.CANCEL) or self.asking is not None:
            return
        if not self.plan.payments:
            self._closing = True
            self._cancel_next()
            return
        self.asking = box = QMessageBox(QMessageBox.Icon.Question, self.tr("Cancel the sale?"),
                                        self._cancel_question(), parent=self)
        box.setObjectName("cancelCheckoutQuestion")
        leave = box.addButton(self.tr("Cancel the sale"), QMessageBox.ButtonRole.DestructiveRole)
        leave.setObjectName("cancelSaleButton")
        stay = box.addButton(self.tr("Keep paying"), QMessageBox.ButtonRole.RejectRole)
        stay.setObjectName("keepPayingButton")
        box.setDefaultButton(stay)  # Enter or Esc keeps the payments
        box.setEscapeButton(stay)

        def answered(_code: int) -> None:
            self.asking = None
            box.deleteLater()
            self.activateWindow()
            self.tendered_input.setFocus()
            if box.clickedButton() is leave and self.flow.allows(Action.CANCEL):
                self._closing = True
                self._cancel_next()

        box.finished.connect(answered)
        box.open()

    def _cancel_question(self) -> str:
        """What cancelling now would do to the money taken, in words."""
        parts = [self.tr("Cancel the checkout?")]
        for payment in self.plan.payments:
            amount = self._fmt(payment.amount)
            if payment.kind == "cash":
                parts.append(self.tr("Give the cash part of {amount} back to the customer.")
                             .format(amount=amount))
            else:
                parts.append(self.tr("The card payment of {amount} will be voided.")
                             .format(amount=amount))
        parts.append(self.tr("The items stay in the cart."))
        return "\n".join(parts)

    def _cancel_next(self) -> None:
        cards = [p for p in self.plan.payments if p.kind == "card"]
        if cards:
            self._void(cards[-1], settled_later=True)
            return
        if self.placed is not None:
            try:
                cancel_placed(self.placed, "checkout cancelled")
            except PosError as exc:
                self._closing = False
                self._show_message(str(exc))
                self._refresh()
                return
            self.session.ordersChanged.emit()
        self.flow.fire("closed")
        super().reject()

    def done(self, result: int) -> None:  # noqa: D401 - Qt's name
        """Closing by any way hands what the sale left open back to reconciliation."""
        if self.placed is not None and self.session.card_service is not None:
            self.session.card_service.release(self.placed.id)
        super().done(result)
