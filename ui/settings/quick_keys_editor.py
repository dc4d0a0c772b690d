"""An ordered list of SKUs for the register's quick keys, edited by search and buttons.

Products are added by searching the catalogue (`pos.catalogue.products.search_products`,
debounced like the Products page), and moved or removed with buttons big
enough for a finger. The list holds SKUs, as `settings.quick_keys` does; the
product names are looked up in one query for display, and a SKU no longer in
the catalogue is flagged rather than dropped, so nothing disappears silently.
Limits (how many keys fit) are checked by `pos.settings` on save.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos.catalogue.products import search_products
from pos.store.db import translate_errors
from pos.store.models import Product
from ui.forms import line_edit, touch_button

SEARCH_DELAY_MS = 150
SEARCH_LIMIT = 12
SkuRole = Qt.ItemDataRole.UserRole + 1
_MISSING = QBrush(QColor("#a4262c"))


class QuickKeysEditor(QWidget):
    """Emits `changed()` whenever the list of SKUs changes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickKeysEditor")
        self._matches: list[tuple[str, str]] = []  # (sku, name) of the last search

        self.search_edit = line_edit(self, "quickKeySearch",
                                     self.tr("Find a product to add as a quick key"))
        self.search_edit.setPlaceholderText(self.tr("Add a product: type its name or SKU"))
        self.search_edit.setClearButtonEnabled(True)
        self._completions = QStringListModel(self)
        self.completer = QCompleter(self._completions, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setWidget(self.search_edit)
        self.completer.activated.connect(self._completion_chosen)
        self.add_button = touch_button(self.tr("&Add"), self, "quickKeyAddButton",
                                       accessible=self.tr("Add quick key"))
        self.add_button.clicked.connect(self.add_best_match)
        self.search_edit.returnPressed.connect(self.add_best_match)

        self.list = QListWidget(self)
        self.list.setObjectName("quickKeysList")
        self.list.setAccessibleName(self.tr("Quick keys, in the order shown on the register"))
        self.list.currentRowChanged.connect(self._update_buttons)
        self.up_button = touch_button(self.tr("Move &up"), self, "quickKeyUpButton",
                                      secondary=True)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button = touch_button(self.tr("Move do&wn"), self, "quickKeyDownButton",
                                        secondary=True)
        self.down_button.clicked.connect(lambda: self.move(1))
        self.remove_button = touch_button(self.tr("&Remove"), self, "quickKeyRemoveButton",
                                          secondary=True)
        self.remove_button.clicked.connect(self.remove_current)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.search_edit.textEdited.connect(lambda _text: self._timer.start())

        search_row = QHBoxLayout()
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.add_button)
        buttons = QVBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addLayout(search_row, 0, 0, 1, 2)
        grid.addWidget(self.list, 1, 0)
        grid.addLayout(buttons, 1, 1)
        self._update_buttons()

    # the list ------------------------------------------------------------------
    def skus(self) -> list[str]:
        return [self.list.item(r).data(SkuRole) for r in range(self.list.count())]

    def set_skus(self, skus: list[str]) -> None:
        with translate_errors():
            names = dict(Product.select(Product.sku, Product.name)
                         .where(Product.sku.in_(list(skus))).tuples()) if skus else {}
        self.list.clear()
        for sku in skus:
            self._append(sku, names.get(sku))
        self._update_buttons()

    def _append(self, sku: str, name: str | None) -> None:
        if name is None:
            item = QListWidgetItem(self.tr("{sku} \u2013 not in the catalogue").format(sku=sku))
            item.setForeground(_MISSING)
            item.setToolTip(self.tr("No product has this SKU; remove the key or add the "
                                    "product."))
        else:
            item = QListWidgetItem(f"{name}  \u00b7  {sku}")
        item.setData(SkuRole, sku)
        self.list.addItem(item)

    def add(self, sku: str, name: str | None) -> None:
        """Add `sku` at the end (once: a SKU already on a key is selected instead)."""
        if sku in self.skus():
            self.list.setCurrentRow(self.skus().index(sku))
            return
        self._append(sku, name)
        self.list.setCurrentRow(self.list.count() - 1)
        self.changed.emit()

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.list.setCurrentRow(min(row, self.list.count() - 1))
            self._update_buttons()
            self.changed.emit()

    def _update_buttons(self) -> None:
        row = self.list.currentRow()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.list.count() - 1)
        self.remove_button.setEnabled(row >= 0)

    # searching -------------------------------------------------------------------
    def search(self) -> list[tuple[str, str]]:
        """Find products for the typed text and offer them in the completer's popup."""
        self._timer.stop()
        text = self.search_edit.text()
        with translate_errors():
            self._matches = [(p.sku, p.name) for p in search_products(text, SEARCH_LIMIT)]
        self._completions.setStringList([self._label(sku, name) for sku, name in self._matches])
        if self._matches and self.search_edit.hasFocus():
            self.completer.complete()
        return self._matches

    @staticmethod
    def _label(sku: str, name: str) -> str:
        return f"{name}  \u00b7  {sku}"

    def add_best_match(self) -> None:
        """Add the first match of the typed text (Enter or Add)."""
        if self._timer.isActive() or not self._matches:
            self.search()
        if self._matches:
            self.add(*self._matches[0])
            self._clear_search()

    def _completion_chosen(self, text: str) -> None:
        for sku, name in self._matches:
            if self._label(sku, name) == text:
                self.add(sku, name)
                break
        QTimer.singleShot(0, self._clear_search)  # after the completer wrote the text

    def _clear_search(self) -> None:
        self.search_edit.clear()
        self._matches = []
        self._completions.setStringList([])
