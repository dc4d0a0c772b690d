"""Quick-cash buttons: the exact amount and the next banknotes above it (`pos.sales.cash`).

With big amounts not every button fits a small screen: the bar keeps the exact
amount and as many notes, from the nearest, as its width holds, and leaves the
others out rather than cutting a figure off."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QWidget

from pos.money import Money
from pos.sales.cash import DEFAULT_SUGGESTIONS, format_note, next_banknotes


class QuickCashBar(QWidget):
    amountChosen = Signal(object)
    """A button was pressed: the `Money` the customer hands over."""

    def __init__(self, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickCashBar")
        self.locale = locale
        self.amounts: list[Money | None] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.buttons: list[QPushButton] = []
        for n in range(DEFAULT_SUGGESTIONS + 1):
            button = QPushButton(self)
            button.setObjectName("quickCashExact" if n == 0 else f"quickCash{n}")
            button.setProperty("quickCash", True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoDefault(False)
            button.setMinimumHeight(52)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, i=n: self._choose(i))
            layout.addWidget(button)
            self.buttons.append(button)

    def set_due(self, due: Money) -> None:
        """Offer `due` exactly and the next notes above it; nothing when nothing is due."""
        notes = next_banknotes(due)
        self.amounts = [due if due.minor > 0 else None, *notes]
        self.amounts += [None] * (len(self.buttons) - len(self.amounts))
        for n, (button, amount) in enumerate(zip(self.buttons, self.amounts, strict=True)):
            if amount is None:
                continue
            label = format_note(amount, self.locale)
            if n == 0:
                button.setText(self.tr("Exact {amount}").format(amount=label))
                button.setAccessibleName(self.tr("Exact amount, {amount}").format(amount=label))
            else:
                button.setText(label)
                button.setAccessibleName(self.tr("Cash {amount}").format(amount=label))
        self._fit(self.width())
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        """The exact amount's button alone: the notes give way on a narrow screen."""
        return QSize(self.buttons[0].minimumSizeHint().width(),
                     self.buttons[0].minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit(event.size().width())

    def _fit(self, width: int) -> None:
        """Show the offered buttons, left to right, while their full text fits `width`."""
        spacing, used = self.layout().spacing(), 0
        for button, amount in zip(self.buttons, self.amounts, strict=False):
            need = button.sizeHint().width() + (spacing if used else 0)
            fits = amount is not None and (used == 0 or used + need <= width)
            if fits:
                used += need
            button.setVisible(fits)
        for button in self.buttons[len(self.amounts):]:
            button.setVisible(False)

    def _choose(self, index: int) -> None:
        amount = self.amounts[index] if index < len(self.amounts) else None
        if amount is not None:
            self.amountChosen.emit(amount)
