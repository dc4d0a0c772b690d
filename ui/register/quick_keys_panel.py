"""Quick keys: a grid of touch buttons for the products a store sells without a barcode.

The SKUs come from the store's settings (`quick_keys`, in order); a store that
has none set yet gets the first products of its first categories and a hint.

Every key has the same height, enough for two lines of name and the price, and
the name is shortened with "…" on its second line rather than cut at the top
and bottom. The panel shows only whole rows: when the keys do not all fit the
height the column leaves them (more tax lines, a smaller screen), the last
key becomes "More", which pages through the rest.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos.catalogue.quick_keys import fallback_products, quick_key_products
from pos.errors import PosError
from pos.money import Money
from pos.settings import StoreSettings, quick_keys_from_json
from pos.store.models import Product

COLUMNS = 3
KEY_HEIGHT = 64  # touch targets: well over 48 px; taller when the font needs it
KEY_MIN_WIDTH = 80
SPACING = 6
_MARGINS = (6, 4, 6, 4)


def two_lines(text: str, font: QFont, width: int) -> str:
    """`text` wrapped into at most two lines of `width` pixels, the second ending in "…"
    when the rest does not fit."""
    if width <= 0:
        return text
    metrics = QFontMetrics(font)
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    if not line.isValid():
        layout.endLayout()
        return text
    line.setLineWidth(width)
    first_end = line.textStart() + line.textLength()
    layout.endLayout()
    first = text[:first_end].rstrip()
    rest = text[first_end:].strip()
    if not rest:
        return first
    return first + "\n" + metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)


class QuickKeyButton(QPushButton):
    """A product's name (two lines at most) over its price."""

    def __init__(self, product: Product, price: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.product_id = product.id
        self.full_name = product.name
        self.setObjectName(f"quickKey_{product.sku}")
        self.setProperty("role", "quickKey")
        self.setAccessibleName(f"{product.name}, {price}")
        self.setToolTip(f"{product.name} ({product.sku})")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the focus
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*_MARGINS)
        layout.setSpacing(0)
        self.name_label = QLabel(product.name, self)
        self.name_label.setObjectName("quickKeyName")
        self.price_label = QLabel(price, self)
        self.price_label.setObjectName("quickKeyPrice")
        for label in (self.name_label, self.price_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout.addWidget(self.name_label, 1)
        layout.addWidget(self.price_label)
        self.setFixedHeight(key_height(self))

    def sizeHint(self) -> QSize:
        return QSize(KEY_MIN_WIDTH, key_height(self))

    def minimumSizeHint(self) -> QSize:
        return QSize(KEY_MIN_WIDTH, key_height(self))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_name()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.StyleChange):
            self.setFixedHeight(key_height(self))
            self._fit_name()

    def _fit_name(self) -> None:
        label = self.name_label
        label.ensurePolished()
        width = self.width() - _MARGINS[0] - _MARGINS[2] - 2
        label.setText(two_lines(self.full_name, label.font(), width))


def key_height(button: QuickKeyButton) -> int:
    """Two lines of name and one of price, with the margins; at least KEY_HEIGHT."""
    button.ensurePolished()
    button.name_label.ensurePolished()
    button.price_label.ensurePolished()
    name = QFontMetrics(button.name_label.font()).lineSpacing()
    price = QFontMetrics(button.price_label.font()).lineSpacing()
    return max(KEY_HEIGHT, _MARGINS[1] + _MARGINS[3] + 2 * name + price + 4)


class QuickKeysPanel(QWidget):
    productChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickKeys")
        self.setAccessibleName(self.tr("Quick keys"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.buttons: list[QuickKeyButton] = []
        self.page = 0
        self.pages = 1
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(SPACING)
        self.hint = QLabel(self)
        self.hint.setObjectName("quickKeysHint")
        self.hint.setWordWrap(True)
        self.hint.hide()
        box.addWidget(self.hint)
        self.keys = QWidget(self)
        self.keys.setObjectName("quickKeysGrid")
        self.grid = QGridLayout(self.keys)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(SPACING)
        for column in range(COLUMNS):
            self.grid.setColumnStretch(column, 1)
        box.addWidget(self.keys, 1)
        self.more_button = QPushButton(self.keys)
        self.more_button.setObjectName("quickKeysMore")
        self.more_button.setProperty("role", "quickKeyMore")
        self.more_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.more_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.more_button.clicked.connect(self.next_page)
        self.more_button.hide()
        self._placed: tuple | None = None

    # what the column may give it -------------------------------------------------------
    def _key_height(self) -> int:
        return self.buttons[0].height() if self.buttons else KEY_HEIGHT

    def minimumSizeHint(self) -> QSize:
        hint = self.hint.heightForWidth(max(self.width(), 200)) + SPACING \
            if not self.hint.isHidden() else 0
        return QSize(COLUMNS * KEY_MIN_WIDTH + (COLUMNS - 1) * SPACING,
                     self._key_height() + hint)

    def sizeHint(self) -> QSize:
        rows = max(1, min(3, math.ceil(len(self.buttons) / COLUMNS)))
        hint = self.minimumSizeHint()
        return QSize(hint.width(), hint.height() + (rows - 1) * (self._key_height() + SPACING))

    # building --------------------------------------------------------------------------
    def load(self, settings: StoreSettings) -> None:
        """Build the keys for the current settings and catalogue."""
        try:
            skus = quick_keys_from_json(settings.quick_keys)
        except PosError:
            skus = []
        products = quick_key_products(skus)
        if products:
            hint = ""
        else:
            products = fallback_products()
            hint = (self.tr("Choose your quick keys in Settings.") if products else
                    self.tr("No quick keys yet: choose them in Settings, or scan and search."))
        for button in self.buttons:
            self.grid.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        for product in products:
            price = Money(product.price, settings.currency).format(settings.locale)
            if product.unit == "weight":
                price = self.tr("{price}/kg").format(price=price)
            button = QuickKeyButton(product, price, self.keys)
            button.clicked.connect(lambda _=False, pid=product.id: self.productChosen.emit(pid))
            button.hide()
            self.buttons.append(button)
        if self.buttons:
            self.more_button.setFixedHeight(self._key_height())
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.page = 0
        self._placed = None
        self.updateGeometry()
        self._place()

    def rows_that_fit(self) -> int:
        """Whole rows of keys in the height the panel has now (at least one)."""
        height = self.keys.height() if self.keys.height() > 0 else self.height()
        return max(1, (height + SPACING) // (self._key_height() + SPACING))

    def next_page(self) -> None:
        self.page = (self.page + 1) % max(1, self.pages)
        self._placed = None
        self._place()

    def shown_buttons(self) -> list[QuickKeyButton]:
        """The product keys on the current page."""
        return [b for b in self.buttons if not b.isHidden()]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._place()

    def _place(self) -> None:
        """Put the current page's keys in the grid, in whole rows only."""
        self.layout().activate()
        rows = self.rows_that_fit()
        capacity = rows * COLUMNS
        count = len(self.buttons)
        if count <= capacity:
            per_page, self.pages = count, 1
        else:
            per_page = max(1, capacity - 1)
            self.pages = math.ceil(count / per_page)
        self.page %= self.pages
        placed = (rows, self.page, count)
        if placed == self._placed:
            return
        self._placed = placed
        while self.grid.count():
            self.grid.takeAt(0)
        shown = self.buttons[self.page * per_page:(self.page + 1) * per_page]
        for button in self.buttons:
            button.setVisible(button in shown)
        cells: list[QWidget] = list(shown)
        if self.pages > 1:
            self.more_button.setText(self.tr("More ({page}/{pages})").format(
                page=self.page + 1, pages=self.pages))
            self.more_button.setAccessibleName(self.tr("More quick keys"))
            cells.append(self.more_button)
        self.more_button.setVisible(self.pages > 1)
        for index, widget in enumerate(cells):
            self.grid.addWidget(widget, index // COLUMNS, index % COLUMNS)
        used = max(1, math.ceil(len(cells) / COLUMNS))
        for row in range(max(self.grid.rowCount(), used + 1)):
            self.grid.setRowStretch(row, 1 if row == used else 0)
