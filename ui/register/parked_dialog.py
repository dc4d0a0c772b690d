"""Choosing a parked sale to recall (pos.sales.parking keeps them in the store, so they survive
a restart)."""

from __future__ import annotations

from babel.dates import format_datetime
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QWidget

from pos.store.models import ParkedCart
from ui.register.dialog_base import RegisterDialog


class ParkedDialog(RegisterDialog):
    def __init__(self, parked: list[ParkedCart], locale: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Recall a parked sale"), parent)
        self.setMinimumWidth(460)
        self.parked_id: int | None = None
        prompt = QLabel(self.tr("Parked sales on this terminal, oldest first:"), self)
        self.list = QListWidget(self)
        self.list.setObjectName("parkedList")
        self.list.setAccessibleName(self.tr("Parked sales"))
        self.list.setMinimumHeight(220)
        prompt.setBuddy(self.list)
        for row in parked:
            when = format_datetime(row.created_at.astimezone(), "short", locale=locale)
            item = QListWidgetItem(f"{when}    {row.label}", self.list)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
        if parked:
            self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.layout_.addWidget(prompt)
        self.layout_.addWidget(self.list)
        self.buttons.button(self.buttons.StandardButton.Ok).setText(self.tr("&Recall"))
        self.finish_layout()
        self.list.setFocus()

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is None:
            self.show_error(self.tr("Choose a parked sale."))
            return
        self.parked_id = int(item.data(Qt.ItemDataRole.UserRole))
        super().accept()
