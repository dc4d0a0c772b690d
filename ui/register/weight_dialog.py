"""Asking the weight of a product sold by weight whose barcode did not carry one."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from pos.errors import PosError
from pos.sales.cart import parse_quantity
from ui.register.dialog_base import RegisterDialog
from ui.register.scanner import ACCEPTS


class WeightDialog(RegisterDialog):
    def __init__(self, name: str, price_per_kg: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Weight"), parent)
        self.grams: int | None = None
        prompt = QLabel(self.tr("{name} ({price}/kg): type the weight in kilograms.").format(
            name=name, price=price_per_kg), self)
        prompt.setWordWrap(True)
        self.weight_edit = QLineEdit(self)
        self.weight_edit.setObjectName("weightInput")
        self.weight_edit.setAccessibleName(self.tr("Weight in kilograms"))
        self.weight_edit.setPlaceholderText(self.tr("e.g. 0.25"))
        prompt.setBuddy(self.weight_edit)
        # Digits typed fast (a keypad, a scale) are a weight, not a scan: anything that
        # reads as a weight goes into the field; a real barcode still waits as a scan.
        setattr(self.weight_edit, ACCEPTS, is_weight)
        self.layout_.addWidget(prompt)
        self.layout_.addWidget(self.weight_edit)
        self.finish_layout()
        self.weight_edit.setFocus()  # typed digits go here from the first key

    def accept(self) -> None:
        try:
            self.grams = parse_quantity(self.weight_edit.text(), "weight")
        except PosError as exc:
            self.show_error(str(exc))
            self.weight_edit.selectAll()
            self.weight_edit.setFocus()
            return
        super().accept()


def is_weight(text: str) -> bool:
    """Whether `text` reads as a weight in kilograms (pos.sales.cart's rule and limits)."""
    try:
        parse_quantity(text, "weight")
    except PosError:
        return False
    return True


def ask_weight(parent: QWidget, name: str, price_per_kg: str) -> int | None:
    """The weight in grams the cashier typed, or None if they cancelled."""
    dialog = WeightDialog(name, price_per_kg, parent)
    try:
        return dialog.grams if dialog.exec() == WeightDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
