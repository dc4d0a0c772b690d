"""The refund dialog: the whole order, or chosen lines and quantities, back the way it was paid.

Each quantity box stops at what is left to refund on its line, and the amount
shown, with where each part of it goes back (cash from the drawer, each card
part to its card), is `pos.sales.orders.refund_plan`'s, so the cashier sees what
goes back, and to which tender, before confirming, and cannot ask for more
than was paid. The cashier may choose the split instead (how much goes back
to each payment); `pos.sales.orders` checks it and says what is wrong. The dialog still only
gathers input: `pos.sales.orders.refund` decides, and if it refuses (the order was
refunded on another screen since the dialog opened) its message is shown here
and nothing changes. The dialog opens without blocking (`open()`), so the
register's scanner and the rest of the program keep running.
"""

from __future__ import annotations

from babel.numbers import format_decimal
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos.errors import PosError
from pos.money import Money, exponent, parse_money
from pos.sales.orders import (
    RefundPlan,
    receipt_label,
    refund,
    refund_holdings,
    refund_plan,
    refundable,
)
from pos.store.models import Order, OrderLine, Refund
from ui.history.labels import card_text, money_text, refund_split_text, tender_label

MAX_REASON = 200
MINIMUM_SIZE = (560, 440)
ROOM_MARGIN = 40  # the dialog stays this much inside the till's window


class RefundDialog(QDialog):
    refunded = Signal(object)
    """The refund was saved; the argument is the `Refund` record."""

    def __init__(self, order: Order, locale: str, parent: QWidget | None = None,
                 refunder=refund) -> None:
        """`refunder` is `pos.sales.orders.refund`, or one that also sends the card part back
        through the gateway (`ui.payments.refunds`)."""
        super().__init__(parent)
        self.setObjectName("refundDialog")
        self.order = order
        self.refunder = refunder
        self._locale = locale
        self._lines = list(order.lines.order_by(OrderLine.line_no))
        self.plan: RefundPlan | None = None  # what the refund would do, as last quoted
        self.record: Refund | None = None
        self.setWindowTitle(self.tr("Refund receipt {receipt}").format(
            receipt=receipt_label(order)))
        self.setAccessibleName(self.windowTitle())
        self.setModal(True)

        self.whole_radio = QRadioButton(self.tr("&Whole order (everything not yet refunded)"),
                                        self)
        self.whole_radio.setObjectName("refundWholeOrder")
        self.whole_radio.setAccessibleName(self.tr("Refund the whole order"))
        self.lines_radio = QRadioButton(self.tr("&Chosen lines and quantities"), self)
        self.lines_radio.setObjectName("refundChosenLines")
        self.lines_radio.setAccessibleName(self.tr("Refund chosen lines"))
        group = QButtonGroup(self)
        group.addButton(self.whole_radio)
        group.addButton(self.lines_radio)

        self.spins: dict[int, QSpinBox] = {}
        self.table = self._make_table()
        self.restock_check = QCheckBox(self.tr("Put the items back in &stock"), self)
        self.restock_check.setObjectName("refundRestock")
        self.restock_check.setAccessibleName(self.tr("Put the items back in stock"))
        self.restock_check.setChecked(True)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("refundReason")
        self.reason_edit.setAccessibleName(self.tr("Reason for the refund"))
        self.reason_edit.setPlaceholderText(self.tr("For example: damaged, wrong size"))
        self.reason_edit.setMaxLength(MAX_REASON)
        self.amount_label = QLabel(self)
        self.amount_label.setObjectName("refundAmountLabel")
        self.amount_label.setAccessibleName(self.tr("Amount to refund"))
        self.split_label = QLabel(self)
        self.split_label.setObjectName("refundSplitLabel")
        self.split_label.setAccessibleName(self.tr("Where the money goes back"))
        self.split_label.setWordWrap(True)
        self.choose_split = QCheckBox(self.tr("Choose how much goes &back to each payment"),
                                      self)
        self.choose_split.setObjectName("refundChooseSplit")
        self.choose_split.setAccessibleName(self.tr("Choose the split of the refund"))
        self.split_edits: dict[int, QLineEdit] = {}
        self.split_box = self._make_split_box()
        self.error_label = QLabel(self)
        self.error_label.setObjectName("refundError")
        self.error_label.setAccessibleName(self.tr("Refund problem"))
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.buttons = QDialogButtonBox(self)
        self.confirm_button = QPushButton(self.tr("&Refund"), self)
        self.confirm_button.setObjectName("refundConfirmButton")
        self.confirm_button.setAccessibleName(self.tr("Confirm the refund"))
        self.confirm_button.setMinimumHeight(44)
        close = QPushButton(self.tr("Close"), self)
        close.setObjectName("refundCloseButton")
        close.setAccessibleName(self.tr("Close without refunding"))
        close.setProperty("secondary", True)  # before the button box polishes it
        close.setMinimumHeight(44)
        self.buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self._build_layout()
        self.whole_radio.toggled.connect(self._mode_changed)
        # Chosen lines by default, none chosen: Enter never refunds everything by surprise.
        # The first quantity box has the focus (Up adds one, Tab goes to the next line).
        self.lines_radio.setChecked(True)
        self._mode_changed()
        self._set_tab_order()
        # A fixed minimum: the window keeps its size while messages come and go below.
        self.setMinimumSize(*MINIMUM_SIZE)
        self.resize(self._fitting_size(parent))

    def _fitting_size(self, parent: QWidget | None) -> QSize:
        """Every line with its whole name, inside the till's window (or the screen): the
        name column and the rows are measured, the rest is what the layout asks."""
        table = self.table
        header = table.horizontalHeader()
        columns = [max(table.sizeHintForColumn(c), header.sectionSizeHint(c))
                   for c in range(table.columnCount())]
        frame = 2 * table.frameWidth()
        scroll_bar = table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
        table_size = QSize(sum(columns) + frame + scroll_bar + 8,
                           header.sizeHint().height() + rows + frame + 2)
        layout = self.layout()
        margins = layout.contentsMargins()
        hint = layout.sizeHint()
        want = QSize(max(hint.width(), table_size.width() + margins.left() + margins.right()),
                     hint.height() - table.sizeHint().height() + table_size.height())
        if parent is not None:
            room = parent.window().size()
        else:
            room = self.screen().availableGeometry().size()
        room = room - QSize(ROOM_MARGIN, ROOM_MARGIN)
        return want.expandedTo(QSize(*MINIMUM_SIZE)).boundedTo(room)

    # building ------------------------------------------------------------------
    def _make_table(self) -> QTableWidget:
        table = QTableWidget(len(self._lines), 4, self)
        table.setObjectName("refundLines")
        table.setAccessibleName(self.tr("Lines to refund"))
        table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Sold"),
                                         self.tr("Refunded"), self.tr("Refund now")])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        # Only the quantity boxes take the focus: Tab goes from line to line, not cell by cell.
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.setTabKeyNavigation(False)
        table.verticalHeader().hide()
        table.ensurePolished()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 18)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, line in enumerate(self._lines):
            cells = (line.name, self._quantity(line.quantity, line.unit),
                     self._quantity(line.refunded_quantity, line.unit))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column:
                    item.setTextAlignment(right)
                table.setItem(row, column, item)
            spin = QSpinBox(table)
            spin.setObjectName(f"refundQuantity{line.line_no}")
            spin.setAccessibleName(self.tr("Quantity of {name} to refund").format(
                name=line.name))
            spin.setRange(0, refundable(line))  # never more than is left on the line
            if line.unit == "weight":
                spin.setSuffix(self.tr(" g"))
            spin.setMinimumWidth(90)
            spin.valueChanged.connect(self._update_amount)
            table.setCellWidget(row, 3, spin)
            self.spins[line.id] = spin
        return table

    def _set_tab_order(self) -> None:
        """Quantities line by line, then stock, reason and the buttons; the first line that
        can still be refunded has the focus."""
        chain = [self.lines_radio, self.whole_radio]
        chain += [spin for spin in self.spins.values()]
        chain += [self.restock_check, self.reason_edit, self.choose_split,
                  *self.split_edits.values(), self.confirm_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        open_spins = [spin for spin in self.spins.values() if spin.isEnabled()]
        (open_spins[0] if open_spins else self.whole_radio).setFocus()

    def _quantity(self, quantity: int, unit: str) -> str:
        return self.tr("{grams} g").format(grams=quantity) if unit == "weight" else str(quantity)

    def _build_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        intro = QLabel(self.tr("The money goes back the way the customer paid: each payment "
                               "gets its share, never more than it took."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.whole_radio)
        layout.addWidget(self.lines_radio)
        layout.addWidget(self.table, 1)
        form = QFormLayout()
        form.addRow(self.restock_check)
        reason = QLabel(self.tr("Reaso&n:"), self)
        reason.setBuddy(self.reason_edit)
        form.addRow(reason, self.reason_edit)
        layout.addLayout(form)
        layout.addWidget(self.amount_label)
        layout.addWidget(self.split_label)
        if self.split_edits:
            layout.addWidget(self.choose_split)
            layout.addWidget(self.split_box)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    # behaviour -------------------------------------------------------------------
    def _mode_changed(self) -> None:
        whole = self.whole_radio.isChecked()
        for line in self._lines:
            spin = self.spins[line.id]
            spin.blockSignals(True)
            spin.setValue(spin.maximum() if whole else 0)
            spin.setEnabled(not whole and spin.maximum() > 0)
            spin.blockSignals(False)
        self._update_amount()

    def quantities(self) -> dict[int, int] | None:
        """None for the whole order, else the chosen quantity per order line id."""
        if self.whole_radio.isChecked():
            return None
        return {line_id: spin.value() for line_id, spin in self.spins.items() if spin.value()}

    def _update_amount(self) -> None:
        quantities = self.quantities()
        chosen = quantities is None or bool(quantities)
        try:
            split = self.split() if chosen else None
            self.plan = plan = refund_plan(self.order, quantities, split=split)
        except PosError as exc:
            self._show_error(str(exc))
            self.amount_label.clear()
            self.split_label.clear()
            self.confirm_button.setEnabled(False)
            return
        self.error_label.hide()
        self.confirm_button.setEnabled(chosen)
        if not chosen:
            self.amount_label.setText(self.tr("Choose the quantities to refund."))
            self.split_label.clear()
            return
        self.amount_label.setText(self.tr("Refund {amount}").format(
            amount=money_text(plan.amount, self.order.currency, self._locale)))
        self.split_label.setText(refund_split_text(plan.shares, self.order.currency,
                                                   self._locale))
        if not self.choose_split.isChecked():
            self._fill_split(plan)

    # the split -------------------------------------------------------------------
    def _make_split_box(self) -> QWidget:
        """One amount per payment a refund can go back to, filled with the default split;
        shown when the cashier chooses the split."""
        box = QWidget(self)
        box.setObjectName("refundSplitBox")
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        for holding in refund_holdings(self.order):
            if holding.blocked or not holding.held:
                continue
            edit = QLineEdit(box)
            edit.setObjectName(f"refundSplit{holding.payment_id}")
            name = (tender_label("cash") if holding.tender == "cash"
                    else card_text(holding.card_brand, holding.card_last4))
            edit.setAccessibleName(self.tr("Amount back to {payment}").format(payment=name))
            edit.setEnabled(False)
            edit.textEdited.connect(self._update_amount)
            form.addRow(self.tr("{payment} (holds {amount}):").format(
                payment=name, amount=money_text(holding.held, self.order.currency,
                                                self._locale)), edit)
            self.split_edits[holding.payment_id] = edit
        self.choose_split.toggled.connect(self._split_mode_changed)
        box.setVisible(False)
        return box

    def _split_mode_changed(self, chosen: bool) -> None:
        self.split_box.setVisible(chosen)
        for edit in self.split_edits.values():
            edit.setEnabled(chosen)
        self._update_amount()

    def _fill_split(self, plan: RefundPlan) -> None:
        """Each payment's amount of the default split, written as the cashier would type
        it in this locale (no grouping: "1234,50")."""
        shares = {s.payment_id: s.amount for s in plan.shares}
        places = exponent(self.order.currency)
        pattern = "0." + "0" * places if places else "0"
        for payment_id, edit in self.split_edits.items():
            value = Money(shares.get(payment_id, 0), self.order.currency).to_decimal()
            edit.setText(format_decimal(value, format=pattern, locale=self._locale))

    def split(self) -> dict[int, int] | None:
        """None for the default split; else the cashier's amount per payment id (minor
        units), read as typed; a typing mistake raises `InputError` in words."""
        if not self.choose_split.isChecked():
            return None
        split = {}
        for payment_id, edit in self.split_edits.items():
            text = edit.text().strip()
            if not text:
                split[payment_id] = 0
                continue
            split[payment_id] = parse_money(text, self.order.currency, self._locale).minor
        return split

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def accept(self) -> None:
        """Ask the service; on refusal show its message and stay open, nothing changed."""
        try:
            split = self.split()
            chosen = {"split": split} if split is not None else {}
            self.record = self.refunder(self.order, self.quantities(),
                                        reason=self.reason_edit.text().strip(),
                                        restock=self.restock_check.isChecked(), **chosen)
        except PosError as exc:
            self._show_error(str(exc))
            return
        self.refunded.emit(self.record)
        super().accept()
