"""Typing a discount for a line or for the whole sale, as a percentage or an amount.

The dialog reads the entry (`pos.sales.discount_entry`) and hands it to `apply`, which
changes the cart or raises; a refusal is shown in the dialog, which stays open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from pos.errors import PosError
from pos.sales.cart import Discount
from pos.sales.discount_entry import parse_discount
from ui.register.dialog_base import BUTTON_HEIGHT, RegisterDialog


class DiscountDialog(RegisterDialog):
    def __init__(self, title: str, what: str, currency: str, locale: str,
                 apply: Callable[[Discount | None], None], current: Discount | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.currency, self.locale, self._apply = currency, locale, apply
        prompt = QLabel(what, self)
        prompt.setWordWrap(True)
        self.percent_radio = QRadioButton(self.tr("&Percent"), self)
        self.percent_radio.setObjectName("discountPercent")
        self.amount_radio = QRadioButton(self.tr("&Amount ({currency})").format(
            currency=currency), self)
        self.amount_radio.setObjectName("discountAmount")
        kinds = QButtonGroup(self)
        kinds.addButton(self.percent_radio)
        kinds.addButton(self.amount_radio)
        is_amount = current is not None and current.amount is not None
        (self.amount_radio if is_amount else self.percent_radio).setChecked(True)
        row = QHBoxLayout()
        row.addWidget(self.percent_radio)
        row.addWidget(self.amount_radio)
        row.addStretch(1)
        self.value_edit = QLineEdit(self)
        self.value_edit.setObjectName("discountInput")
        self.value_edit.setAccessibleName(self.tr("Discount"))
        self.value_edit.setPlaceholderText(self.tr("10 for 10 %, or an amount"))
        prompt.setBuddy(self.value_edit)
        self.layout_.addWidget(prompt)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.value_edit)
        if current is not None:
            remove = self.buttons.addButton(self.tr("&Remove discount"),
                                            QDialogButtonBox.ButtonRole.DestructiveRole)
            remove.setObjectName("removeDiscountButton")
            remove.setMinimumHeight(BUTTON_HEIGHT)
            remove.clicked.connect(self.remove)
        self.finish_layout()
        self.value_edit.setFocus()

    def accept(self) -> None:
        kind = "amount" if self.amount_radio.isChecked() else "percent"
        self._try(lambda: parse_discount(self.value_edit.text(), kind, self.currency,
                                         self.locale))

    def remove(self) -> None:
        self._try(lambda: None)

    def _try(self, discount: Callable[[], Discount | None]) -> None:
        try:
            self._apply(discount())
        except PosError as exc:
            self.show_error(str(exc))
            self.value_edit.selectAll()
            self.value_edit.setFocus()
            return
        super().accept()
