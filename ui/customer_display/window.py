"""The customer display: a second window, facing the customer, that only shows.

Four pages, in the order of a sale: a welcome while the till is idle; the lines as
they are scanned with the discounts, the total and, once the checkout is open, what
is paid and still due; the payment's step ("Tap or insert your card", "Confirm on
your phone", the store's QR to scan); and a thank-you with the change, which gives
way to the welcome after a few seconds or to the next sale's first scan.

The window decides nothing and changes nothing: `ui.customer_display.feed` calls its
`show_…` methods from what the register, the checkout and the card service emit. The
type grows with the window, so a customer a few steps away reads it on a small
800×480 panel and on a 1920×1080 screen alike; figures are never cut off (a total in
the millions is set smaller instead, ui.fit_label.FitLabel).
"""

from __future__ import annotations

from enum import IntEnum
from string import Template

from PySide6.QtCore import QAbstractItemModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos.money import Money
from pos.payments.gateway.base import Progress
from pos.sales.cart import Cart
from pos.tax import TaxMode
from ui.app import RESOURCES_DIR
from ui.elided_label import ElidedLabel
from ui.fit_label import FitLabel
from ui.qr_view import QrView
from ui.register.cart_model import Column
from ui.register.cart_table import FIGURES, CartTable

THANKS_MS = 6_000  # the thank-you stays this long, then the welcome
MINIMUM_SIZE = (800, 480)  # the smallest customer-facing panel sold for tills
STYLE = RESOURCES_DIR / "customer_display.qss"
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTRE = Qt.AlignmentFlag.AlignCenter


class Page(IntEnum):
    """The pages, in the order of a sale (and of the stack)."""

    IDLE = 0
    SALE = 1
    PAYING = 2
    THANKS = 3


class DisplayLines(CartTable):
    """The register's own cart model, seen by the customer: name, quantity or weight,
    the discount (while any line has one) and the line's price; never edited, never
    focused, the last line scanned chosen and scrolled to. Its type is the window's
    body type, or smaller when that is what it takes for every figure to fit beside a
    few characters of the name."""

    SMALLEST = 0.6  # of the body type
    NAME_CHARACTERS = 8  # of a name, at least, beside the figures

    def __init__(self, model: QAbstractItemModel, parent: QWidget | None = None) -> None:
        self._points = 0  # the body type in points; 0 until the window sets it
        super().__init__(model, parent)
        self.setObjectName("displayLines")
        self.setAccessibleName(self.tr("Your items"))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setColumnHidden(Column.UNIT_PRICE, True)
        # Bound methods, not lambdas: the register's model outlives this view, and Qt
        # drops a connection to a method when its object is deleted.
        model.rowsInserted.connect(self._inserted)
        model.dataChanged.connect(self._changed)
        model.modelReset.connect(self._reset)
        for signal in (model.rowsInserted, model.rowsRemoved, model.dataChanged,
                       model.modelReset):
            signal.connect(self.fit_type)
        self._reset()  # a cart already rung up when it opens

    def _inserted(self, _parent, first: int, _last: int) -> None:
        self.show_row(first)

    def _changed(self, top_left, *_args) -> None:
        self.show_row(top_left.row())

    def _reset(self) -> None:
        self.show_row(self.model().rowCount() - 1)

    def show_row(self, row: int) -> None:
        """The line just scanned or changed, in view; the discount column while any line
        has a discount."""
        model = self.model()
        self.setColumnHidden(Column.DISCOUNT, not any(
            model.index(r, Column.DISCOUNT).data() for r in range(model.rowCount())))
        if 0 <= row < model.rowCount():
            self.selectRow(row)  # shown as the current line, though not selectable by hand
            self.setCurrentIndex(model.index(row, Column.NAME))
            self.scrollTo(model.index(row, Column.NAME))

    def set_type(self, points: int) -> None:
        self._points = points
        self.fit_type()

    def fit_type(self, *_args) -> None:
        """The largest type, from the body's down to `SMALLEST` of it, in which the
        figure columns (each as wide as its widest text) leave the name some room."""
        if not self._points:
            return
        room = self.viewport().width()
        size = self._points
        smallest = max(8, round(self._points * self.SMALLEST))
        while True:
            if self.font().pointSize() != size:
                # through its own sheet: a font set in code gives way to the window's sheet
                self.setStyleSheet(f"#displayLines {{ font-size: {size}pt; }}")
                self.fit_columns()
            need = sum(self.columnWidth(c) for c in FIGURES if not self.isColumnHidden(c))
            need += self.fontMetrics().averageCharWidth() * self.NAME_CHARACTERS
            if need <= room or size <= smallest:
                break
            size -= 1
        height = self.fontMetrics().height()
        self.verticalHeader().setDefaultSectionSize(height + height // 2)
        if self.currentIndex().isValid():  # rows of another height: the last scan in view
            self.scrollTo(self.currentIndex())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_type()


class CustomerDisplay(QWidget):
    """The window; `lines` is the register's cart model (`ui.register.cart_model`)."""

    def __init__(self, lines: QAbstractItemModel, store_name: str, locale: str,
                 parent: QWidget | None = None) -> None:
        # It never takes the keyboard: a scan always reaches the register.
        super().__init__(parent, Qt.WindowType.Window
                         | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.locale = locale
        self.setObjectName("customerDisplay")
        self.setWindowTitle(self.tr("Customer display"))
        self.setMinimumSize(*MINIMUM_SIZE)
        # It never keeps the program open: closing the register is closing the till.
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._sheet = Template(STYLE.read_text(encoding="utf-8")) if STYLE.is_file() else None
        self._type_for = 0  # the window height the type was last sized for
        self._cart: Cart | None = None
        self._due: Money | None = None
        self._paid: Money | None = None
        self._charging: Money | None = None
        self._progress: Progress | None = None
        self._checkout_open = False
        self.thanks_ms = THANKS_MS
        self._thanks_timer = QTimer(self)
        self._thanks_timer.setSingleShot(True)
        self._thanks_timer.timeout.connect(self.show_idle)

        self.store_label = ElidedLabel(store_name, self, Qt.TextElideMode.ElideRight)
        self.store_label.setObjectName("storeName")
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_idle())
        self.pages.addWidget(self._build_sale(lines))
        self.pages.addWidget(self._build_paying())
        self.pages.addWidget(self._build_thanks())
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.store_label)
        box.addWidget(self.pages, 1)
        self.show_idle()

    # building ----------------------------------------------------------------------
    def _label(self, name: str, text: str = "", kind: type[QLabel] = QLabel,
               align: Qt.AlignmentFlag = _CENTRE, wrap: bool = False) -> QLabel:
        label = kind(self)
        label.setObjectName(name)
        label.setText(text)
        label.setAlignment(align)
        label.setWordWrap(wrap)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def _build_idle(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("idlePage")
        box = QVBoxLayout(page)
        box.addStretch(1)
        self.welcome_label = self._label("welcomeLabel", self.tr("Welcome"), wrap=True)
        box.addWidget(self.welcome_label)
        box.addStretch(1)
        return page

    def _build_sale(self, lines: QAbstractItemModel) -> QWidget:
        page = QWidget(self)
        page.setObjectName("salePage")
        self.lines = DisplayLines(lines, page)
        side = QWidget(page)
        side.setObjectName("amountsPanel")
        self._amounts = QGridLayout(side)
        self._amounts.setColumnStretch(0, 1)
        self.discount_caption, self.discount_label = self._amount_row(
            "discount", self.tr("Discounts"))
        self.tax_caption, self.tax_label = self._amount_row("tax", self.tr("Tax"))
        self.total_caption, self.total_label = self._amount_row(
            "total", self.tr("Total"), big=True)
        self.paid_caption, self.paid_label = self._amount_row("paid", self.tr("Paid"))
        self.due_caption, self.due_label = self._amount_row(
            "due", self.tr("Still to pay"), big=True)
        self._amounts.setRowStretch(self._amounts.rowCount(), 1)
        box = QGridLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.lines, 0, 0)
        box.addWidget(side, 0, 1)
        box.setColumnStretch(0, 2)  # the names want the room; big totals are set smaller
        box.setColumnStretch(1, 1)
        return page

    def _amount_row(self, name: str, caption_text: str,
                    big: bool = False) -> tuple[QLabel, QLabel]:
        """A caption and its amount: side by side, or (`big`) the amount under its
        caption across the panel, set smaller rather than cut off when it is long."""
        caption = self._label(f"{name}Caption", caption_text, align=Qt.AlignmentFlag.AlignLeft)
        value = self._label(f"{name}Label", kind=FitLabel if big else QLabel, align=_RIGHT)
        value.setAccessibleName(caption_text)
        row = self._amounts.rowCount()
        if big:
            self._amounts.addWidget(caption, row, 0, 1, 2)
            self._amounts.addWidget(value, row + 1, 0, 1, 2)
        else:
            self._amounts.addWidget(caption, row, 0)
            self._amounts.addWidget(value, row, 1)
        return caption, value

    def _build_paying(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("payingPage")
        box = QVBoxLayout(page)
        self.step_label = self._label("stepLabel", wrap=True)
        self.step_amount_label = self._label("stepAmountLabel", kind=FitLabel)
        self.step_amount_label.setAccessibleName(self.tr("To pay"))
        self.qr_view = QrView(page)
        self.qr_view.setObjectName("paymentQr")
        self.qr_view.setAccessibleName(self.tr("QR code to pay with your phone"))
        box.addWidget(self.step_label)
        box.addWidget(self.step_amount_label)
        box.addWidget(self.qr_view, 1)
        return page

    def _build_thanks(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("thanksPage")
        box = QVBoxLayout(page)
        box.addStretch(1)
        self.thanks_label = self._label("thanksLabel", self.tr("Thank you!"), wrap=True)
        self.change_caption = self._label("changeCaption", self.tr("Your change"))
        self.change_label = self._label("changeLabel", kind=FitLabel)
        self.change_label.setAccessibleName(self.tr("Your change"))
        for widget in (self.thanks_label, self.change_caption, self.change_label):
            box.addWidget(widget)
        box.addStretch(1)
        return page

    # what it shows -------------------------------------------------------------------
    def page(self) -> int:
        return self.pages.currentIndex()

    def set_store(self, name: str, locale: str) -> None:
        """The store's name and locale (money is written in the store's way)."""
        self.store_label.set_full_text(name)
        self.locale = locale
        self._show_amounts()

    def show_idle(self) -> None:
        """The welcome: no sale, or a sale finished a few seconds ago."""
        self._thanks_timer.stop()
        if self._cart is not None and not self._cart.is_empty:
            self._turn_to(Page.SALE)
            return
        self._turn_to(Page.IDLE)

    def show_cart(self, cart: Cart) -> None:
        """The register's cart changed: its lines show through the model, its totals here.
        An empty cart (the next sale) leaves a thank-you on screen until its time is up."""
        self._cart = cart
        self._show_amounts()
        if not cart.is_empty:
            self._thanks_timer.stop()
            if self.page() in (Page.IDLE, Page.THANKS):
                self._turn_to(Page.SALE)
        elif self.page() != Page.THANKS:
            self._turn_to(Page.IDLE)

    def show_due(self, due: Money | None, paid: Money | None = None) -> None:
        """The checkout is open: what is still due and paid so far; None when it closed."""
        self._checkout_open = due is not None
        self._due = due
        self._paid = paid
        if due is None:
            self._charging = None
            self._progress = None
        self._show_amounts()
        self._show_step()

    def show_charging(self, amount: Money | None) -> None:
        """A card charge of `amount` is in flight (None: it is over)."""
        self._charging = amount
        if amount is None:
            self._progress = None
        self._show_step()

    def show_progress(self, progress: Progress | None) -> None:
        """What the payment waits for (the card reader, the phone, the QR), or None."""
        self._progress = progress
        self._show_step()

    def show_thanks(self, change: Money) -> None:
        """The sale is saved: thank you, and the change to hand back (if any)."""
        self._checkout_open = False
        self._due = self._charging = self._progress = None
        has_change = change.minor > 0
        self.change_label.setText(change.format(self.locale) if has_change else "")
        self.change_caption.setVisible(has_change)
        self.change_label.setVisible(has_change)
        self._turn_to(Page.THANKS)
        self._thanks_timer.start(self.thanks_ms)

    def _show_amounts(self) -> None:
        if self._cart is None:
            return
        totals = self._cart.totals()
        self.discount_label.setText("−" + totals.discount.format(self.locale))
        self._show_row(self.discount_caption, self.discount_label, bool(totals.discount))
        self.tax_label.setText(totals.tax.format(self.locale))  # added to the prices shown
        self._show_row(self.tax_caption, self.tax_label,
                       self._cart.tax_mode == TaxMode.EXCLUSIVE and bool(totals.tax))
        self.total_label.setText(totals.total.format(self.locale))
        paying = self._checkout_open and self._due is not None
        paid = self._paid if paying else None
        self.paid_label.setText(paid.format(self.locale) if paid else "")
        self._show_row(self.paid_caption, self.paid_label, bool(paid and paid.minor))
        self.due_label.setText(self._due.format(self.locale) if paying else "")
        self._show_row(self.due_caption, self.due_label, paying)

    @staticmethod
    def _show_row(caption: QLabel, value: QLabel, visible: bool) -> None:
        caption.setVisible(visible)
        value.setVisible(visible)

    def _show_step(self) -> None:
        """The payment page while a card, phone or QR step is under way; else the sale."""
        progress = self._progress
        if progress is None and self._charging is None:
            if self.page() == Page.PAYING:
                self._turn_to(Page.SALE if self._cart and not self._cart.is_empty
                              else Page.IDLE)
            return
        amount = self._charging or self._due
        self.step_amount_label.setText(amount.format(self.locale) if amount else "")
        qr = progress is not None and progress.state == "qr_shown" and bool(progress.qr_url)
        self.qr_view.set_url(progress.qr_url if qr else "")
        self.qr_view.setVisible(qr)
        self.step_label.setText(self._step_text(progress))
        self._turn_to(Page.PAYING)

    def _step_text(self, progress: Progress | None) -> str:
        state = progress.state if progress is not None else ""
        if state == "reader_waiting":
            return self.tr("Tap or insert your card")
        if state == "customer_confirming":
            return self.tr("Confirm the payment on your phone")
        if state == "qr_shown":
            return self.tr("Scan to pay with your phone")
        return self.tr("Card payment: follow the card terminal")

    def _turn_to(self, page: int) -> None:
        self.pages.setCurrentIndex(page)

    # type that grows with the window -------------------------------------------------
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.height() != self._type_for:
            self._size_type()

    def _size_type(self) -> None:
        """Point sizes from the window's height (a 480-line panel: 15 pt body text, a
        1080-line screen: 34 pt), through the style sheet's $placeholders."""
        self._type_for = self.height()
        if self._sheet is None:
            return
        body = max(12, round(self.height() / 32))
        self.setStyleSheet(self._sheet.safe_substitute(
            body=body, small=round(body * 0.8), big=round(body * 1.6), huge=round(body * 2.6),
            pad=round(body * 0.6)))
        self.lines.set_type(body)
