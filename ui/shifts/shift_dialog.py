"""The Shift dialog: open with a float, move cash in and out, read the X report, count and
close the drawer, print the Z report.

Every rule (who may, how much, when a note is needed) is `pos.sales.shifts`; this
window gathers the input, calls one service function, and shows the result or
the refusal in plain words. The count is blind: what the drawer should hold is
shown only after the cashier has counted it, so the count is not bent to fit.

The dialog is as large as its largest page needs (the notes-and-coins grid of
the store's currency, the report at the printer's width), so no page is
squeezed, and each page puts the cursor where the cashier types: the float,
the amount, the first note.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pos.errors import PosError
from pos.money import Money
from pos.receipts import shift_report
from pos.sales import denominations, shifts
from pos.staff import users
from ui.receipts.service import ReceiptService
from ui.session import Session

BUTTON_HEIGHT = 44
COUNT_COLUMNS = 3  # notes and coins side by side: the dialog must fit a 768 px screen
REPORT_LINES = 16  # the X report's height, in lines


class ShiftDialog(QDialog):
    """`ShiftDialog(session, user, parent, receipts)`: `user` is the signed-in users.User;
    `receipts` the window's ReceiptService (one is made if none is given)."""

    shiftChanged = Signal()
    """A shift was opened or closed, or cash moved: the register may refresh."""

    def __init__(self, session: Session, user: users.User, parent: QWidget | None = None,
                 receipts: ReceiptService | None = None) -> None:
        super().__init__(parent)
        self.session, self.user = session, user
        self.receipts = receipts or ReceiptService(session, parent or self)
        self.shift: shifts.Shift | None = None
        self.report: shifts.ShiftReport | None = None  # the last one shown
        self.setObjectName("shiftDialog")
        self.setWindowTitle(self.tr("Shift"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        # No minimum size from the layout: it changes with the pages and the messages, and
        # some platforms cannot follow that on a window already shown (as RegisterDialog).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("shiftStatus")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs)
        self.open_page = self._open_page()
        self.cash_page = self._cash_page()
        self.report_page = self._report_page()
        self.close_page = self._close_page()
        for page in (self.open_page, self.cash_page, self.report_page, self.close_page):
            page.hide()  # shown only as a tab: a page out of the tabs must not float on top
        self.tabs.currentChanged.connect(self._page_shown)
        layout.addLayout(self._approver_row())
        self.error_label = QLabel(self)
        self.error_label.setObjectName("dialogError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("shiftMessage")
        self.message_label.setWordWrap(True)
        layout.addWidget(self.message_label)
        done = self._button(self.tr("Done"), self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(done)
        layout.addLayout(row)
        self._fill_count_grid(session.settings.currency)
        self._fit_pages()
        self.refresh()
        layout.activate()
        self.setMinimumSize(layout.totalMinimumSize())
        self.resize(layout.totalSizeHint().expandedTo(self.minimumSize()))

    # building --------------------------------------------------------------------------
    def _button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setMinimumHeight(BUTTON_HEIGHT)
        # Enter acts in the field it is typed in (see _enter), never on a button elsewhere
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _enter(self, edit: QLineEdit, button: QPushButton) -> None:
        """Enter in `edit` presses `button` (when it can be pressed)."""
        edit.returnPressed.connect(lambda: button.isEnabled() and button.isVisible()
                                   and button.click())

    def _fit_pages(self) -> None:
        """Make the tabs as large as the largest page needs, whichever pages show."""
        self.tabs.clear()
        for page in (self.open_page, self.cash_page, self.report_page, self.close_page):
            self.tabs.addTab(page, "")
        self.ensurePolished()
        self.tabs.setMinimumSize(self.tabs.minimumSizeHint().expandedTo(QSize(520, 0)))
        self.tabs.clear()

    def _open_page(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.float_edit = QLineEdit(page)
        self.float_edit.setObjectName("floatEdit")
        self.float_edit.setPlaceholderText(self.tr("Cash counted into the drawer"))
        form.addRow(self.tr("Opening float"), self.float_edit)
        self.open_button = self._button(self.tr("Open shift"), self._open_shift)
        self._enter(self.float_edit, self.open_button)
        form.addRow(self.open_button)
        return page

    def _cash_page(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.kind_combo = QComboBox(page)
        self.kind_combo.addItem(self.tr("Cash in"), "in")
        self.kind_combo.addItem(self.tr("Cash out"), "out")
        form.addRow(self.tr("Movement"), self.kind_combo)
        self.amount_edit = QLineEdit(page)
        self.amount_edit.setObjectName("amountEdit")
        form.addRow(self.tr("Amount"), self.amount_edit)
        self.reason_edit = QLineEdit(page)
        self.reason_edit.setObjectName("reasonEdit")
        self.reason_edit.setMaxLength(shifts.REASON_MAX)
        self.reason_edit.setPlaceholderText(self.tr("Why, e.g. change from the bank"))
        form.addRow(self.tr("Reason"), self.reason_edit)
        self.move_button = self._button(self.tr("Record"), self._cash_move)
        for edit in (self.amount_edit, self.reason_edit):
            edit.setMinimumWidth(240)
            self._enter(edit, self.move_button)
        form.addRow(self.move_button)
        return page

    def _report_page(self) -> QWidget:
        page = QWidget(self)
        box = QVBoxLayout(page)
        self.report_view = QPlainTextEdit(page)
        self.report_view.setObjectName("reportView")
        self.report_view.setReadOnly(True)
        self.report_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        metrics = QFontMetrics(self.report_view.font())
        frame = 2 * self.report_view.frameWidth() + 2 * int(self.report_view.document()
                                                          .documentMargin()) + 4
        scroll = self.report_view.verticalScrollBar().sizeHint().width()
        self.report_view.setMinimumSize(
            metrics.horizontalAdvance("0") * self.session.settings.printer_width + frame + scroll,
            metrics.lineSpacing() * REPORT_LINES + frame)
        box.addWidget(self.report_view, 1)
        row = QHBoxLayout()
        self.x_button = self._button(self.tr("X report"), self._show_x)
        self.print_button = self._button(self.tr("Print"), self._print)
        row.addWidget(self.x_button)
        row.addWidget(self.print_button)
        box.addLayout(row)
        return page

    def _close_page(self) -> QWidget:
        page = QWidget(self)
        box = QVBoxLayout(page)
        box.addWidget(QLabel(self.tr("Count the notes and coins in the drawer."), page))
        self.count_grid = QGridLayout()
        box.addLayout(self.count_grid)
        self.spins: dict[int, QSpinBox] = {}
        self.counted_label = QLabel(page)
        self.counted_label.setObjectName("countedTotal")
        box.addWidget(self.counted_label)
        self.expected_label = QLabel(page)
        self.expected_label.setObjectName("expectedCash")
        self.expected_label.setWordWrap(True)
        self.expected_label.hide()
        box.addWidget(self.expected_label)
        self.note_edit = QLineEdit(page)
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setMaxLength(shifts.NOTE_MAX)
        self.note_edit.setPlaceholderText(self.tr("Note: why the drawer is over or short"))
        box.addWidget(self.note_edit)
        box.addStretch(1)
        row = QHBoxLayout()
        self.check_button = self._button(self.tr("Count entered"), self._reveal)
        self.close_button = self._button(self.tr("Close shift"), self._close_shift)
        self.close_button.setEnabled(False)
        self.note_edit.returnPressed.connect(self._press_page_action)
        row.addWidget(self.check_button)
        row.addWidget(self.close_button)
        box.addLayout(row)
        return page

    def _approver_row(self) -> QGridLayout:
        """Who approves, and their PIN, side by side (the dialog must fit a low screen)."""
        grid = QGridLayout()
        self.approver_edit = QLineEdit(self)
        self.approver_edit.setObjectName("approverEdit")
        self.approver_edit.setPlaceholderText(self.tr("Only if a supervisor must approve"))
        self.secret_edit = QLineEdit(self)
        self.secret_edit.setObjectName("approverSecret")
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        for column, (text, edit) in enumerate(((self.tr("Approved by"), self.approver_edit),
                                               (self.tr("Their PIN or password"),
                                                self.secret_edit))):
            label = QLabel(text, self)
            label.setBuddy(edit)
            grid.addWidget(label, 0, column)
            grid.addWidget(edit, 1, column)
            grid.setColumnStretch(column, 1)
            edit.returnPressed.connect(self._press_page_action)
        return grid

    def _press_page_action(self) -> None:
        """Enter in the approver's fields presses what they approve: the page's own button
        (Record, Close shift, or Count entered until the count is revealed)."""
        page = self.tabs.currentWidget()
        button = {self.cash_page: self.move_button, self.open_page: self.open_button}.get(page)
        if page is self.close_page:
            button = self.close_button if self.close_button.isEnabled() else self.check_button
        if button is not None and button.isEnabled() and button.isVisible():
            button.click()

    def _count_entered_by_key(self) -> None:
        """Enter in the count: Count entered (the expected cash shows); the note's Enter and
        the approver's then close the shift."""
        if self.check_button.isEnabled():
            self.check_button.click()

    def _fill_count_grid(self, currency: str) -> None:
        """One spin box per note and coin of the shift's currency, notes first."""
        if self.spins and next(iter(self.spins.values())).property("currency") == currency:
            return
        for spin in self.spins.values():
            spin.deleteLater()
        self.spins.clear()
        for index, item in enumerate(reversed(denominations.denominations(currency))):
            label = QLabel(item.value.format(self.session.settings.locale), self)
            spin = QSpinBox(self)
            spin.setRange(0, denominations.MAX_PIECES)
            spin.setProperty("currency", currency)
            spin.setAccessibleName(label.text())
            spin.valueChanged.connect(self._count_changed)
            label.setBuddy(spin)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            spin.setMinimumSize(90, 36)
            row, column = divmod(index, COUNT_COLUMNS)
            self.count_grid.addWidget(label, row, column * 2)
            self.count_grid.addWidget(spin, row, column * 2 + 1)
            self.spins[item.minor] = spin
            spin.lineEdit().returnPressed.connect(self._count_entered_by_key)
        for column in range(COUNT_COLUMNS):
            self.count_grid.setColumnStretch(column * 2 + 1, 1)
        # Tab goes through the count, then the note and the buttons (the spin boxes are
        # made after them, so by creation order Tab left the page from the last coin)
        chain = [*self.spins.values(), self.note_edit, self.check_button, self.close_button,
                 self.approver_edit, self.secret_edit]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # state -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the pages that fit: Open without a shift; cash, X and close with one."""
        try:
            self.shift = shifts.current_shift(self.session.terminal_id)
        except PosError as exc:
            self.show_error(str(exc))
            return
        self.tabs.clear()
        if self.shift is None:
            self.status_label.setText(self.tr("No shift is open on terminal {terminal}.")
                                      .format(terminal=self.session.terminal_id))
            self.tabs.addTab(self.open_page, self.tr("Open"))
            if self.report is not None:
                self.tabs.addTab(self.report_page, self.tr("Z report"))
            self.x_button.hide()
            return
        opened = self.shift.opened_at.astimezone()
        self.status_label.setText(self.tr("Shift {number} is open since {time}.").format(
            number=self.shift.id, time=f"{opened:%Y-%m-%d %H:%M}"))
        self.tabs.addTab(self.cash_page, self.tr("Cash in/out"))
        self.tabs.addTab(self.report_page, self.tr("X report"))
        self.tabs.addTab(self.close_page, self.tr("Close"))
        self.x_button.show()
        self._fill_count_grid(self.shift.currency)
        self._count_changed()

    def show_error(self, text: str) -> None:
        self.message_label.clear()
        self.error_label.setText(text)
        self.error_label.setAccessibleDescription(text)
        self.error_label.show()
        self._grow()

    def _done(self, text: str) -> None:
        self.error_label.hide()
        self.message_label.setText(text)
        self.secret_edit.clear()
        self._grow()

    def _grow(self) -> None:
        """Make room for a message that wraps onto more lines (never shrinks the window)."""
        layout = self.layout()
        layout.activate()
        self.resize(layout.totalSizeHint().expandedTo(self.size()))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._page_shown()

    def _page_shown(self, *_args) -> None:
        """Put the cursor where the cashier types on this page; the X report shows itself."""
        page = self.tabs.currentWidget()
        if page is self.open_page:
            self.float_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        elif page is self.cash_page:
            self.amount_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        elif page is self.close_page and self.spins:
            next(iter(self.spins.values())).setFocus(Qt.FocusReason.OtherFocusReason)
        elif page is self.report_page:
            if self.shift is not None and (self.report is None or not self.report.z_no):
                self._show_x()
            self.report_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _approver(self) -> tuple[str | None, str | None]:
        name = self.approver_edit.text().strip()
        return (name or None), (self.secret_edit.text() or None)

    def _money(self, minor: int) -> str:
        return Money(minor, self.shift.currency).format(self.session.settings.locale)

    def _show(self, report: shifts.ShiftReport) -> None:
        self.report = report
        settings = self.session.settings
        self.report_view.setPlainText("\n".join(
            shift_report.report_lines(report, settings.printer_width, settings.locale)))

    # actions ---------------------------------------------------------------------------
    def _open_shift(self) -> None:
        try:
            shift = shifts.open_shift(self.user, self.float_edit.text(),
                                      self.session.terminal_id)
        except PosError as exc:
            self.show_error(str(exc))
            return
        self.float_edit.clear()
        self.report = None
        self.refresh()
        self._done(self.tr("Shift {number} is open.").format(number=shift.id))
        self.shiftChanged.emit()

    def _cash_move(self) -> None:
        try:
            shifts.cash_move(self.shift, self.user, self.kind_combo.currentData(),
                             self.amount_edit.text(), self.reason_edit.text(),
                             *self._approver())
        except PosError as exc:
            self.show_error(str(exc))
            return
        self.amount_edit.clear()
        self.reason_edit.clear()
        self._done(self.tr("Recorded."))
        self.shiftChanged.emit()

    def _show_x(self) -> None:
        try:
            self._show(shifts.x_report(self.shift))
        except PosError as exc:
            self.show_error(str(exc))

    def _print(self) -> None:
        if self.report is None:
            self._show_x()
        if self.report is None:
            return
        settings = self.session.settings
        lines = shift_report.report_lines(self.report, settings.printer_width, settings.locale)
        name = f"Z{self.report.z_no}" if self.report.z_no else f"X{self.report.shift_id}"
        try:
            self.receipts.print_document(lines, name)
        except PosError as exc:
            self.show_error(str(exc))
            return
        self._done(self.tr("The report was sent to the printer."))

    def _counted(self) -> dict[int, int]:
        return {minor: spin.value() for minor, spin in self.spins.items()}

    def _count_changed(self) -> None:
        if self.shift is None:
            return
        total = denominations.total(self._counted(), self.shift.currency)
        self.counted_label.setText(self.tr("Counted: {amount}").format(
            amount=self._money(total.minor)))
        if not self.expected_label.isHidden():
            self._reveal()

    def _reveal(self) -> None:
        """After the count: what the drawer should hold, and how far off the count is."""
        try:
            expected = shifts.x_report(self.shift).expected["cash"]
        except PosError as exc:
            self.show_error(str(exc))
            return
        counted = denominations.total(self._counted(), self.shift.currency).minor
        difference = counted - expected
        if difference > 0:
            verdict = self.tr("over by {amount}")
        elif difference < 0:
            verdict = self.tr("short by {amount}")
        else:
            verdict = self.tr("exact")
        self.expected_label.setText(self.tr("Expected cash: {expected}; the drawer is {verdict}.")
                                    .format(expected=self._money(expected),
                                            verdict=verdict.format(
                                                amount=self._money(abs(difference)))))
        self.expected_label.show()
        if abs(difference) > self.session.settings.shift_note_threshold:
            self.note_edit.setPlaceholderText(self.tr("A note is required: why is the drawer "
                                                      "over or short?"))
        self.close_button.setEnabled(True)

    def _close_shift(self) -> None:
        try:
            report = shifts.close_shift(self.shift, self.user, self._counted(),
                                        self.note_edit.text(), *self._approver())
        except PosError as exc:
            self.show_error(str(exc))
            return
        for spin in self.spins.values():
            spin.setValue(0)
        self.note_edit.clear()
        self.note_edit.setPlaceholderText(self.tr("Note: why the drawer is over or short"))
        self.expected_label.hide()
        self.close_button.setEnabled(False)
        self._show(report)
        self.refresh()
        self.tabs.setCurrentWidget(self.report_page)
        self._done(self.tr("Shift closed: Z report {number}.").format(number=report.z_no))
        self.shiftChanged.emit()
        self.session.shiftClosed.emit()
