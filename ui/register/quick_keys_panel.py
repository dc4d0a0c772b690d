"""Quick keys: a grid of touch buttons for the products a store sells without a barcode.

The SKUs come from the store's settings (`quick_keys`, in order); a store that
has none set yet gets the first products of its first categories and a hint.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos.errors import PosError
from pos.models import Product
from pos.money import Money
from pos.quick_keys import fallback_products, quick_key_products
from pos.settings import StoreSettings, quick_keys_from_json

COLUMNS = 3
KEY_HEIGHT = 64  # touch targets: well over 48 px


class QuickKeyButton(QPushButton):
    """A product's name (up to two lines) over its price."""

    def __init__(self, product: Product, price: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.product_id = product.id
        self.setObjectName(f"quickKey_{product.sku}")
        self.setProperty("role", "quickKey")
        self.setAccessibleName(f"{product.name}, {price}")
        self.setToolTip(f"{product.name} ({product.sku})")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the focus
        self.setMinimumHeight(KEY_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(0)
        for text, name in ((product.name, "quickKeyName"), (price, "quickKeyPrice")):
            label = QLabel(text, self)
            label.setObjectName(name)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(name == "quickKeyName")
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)


class QuickKeysPanel(QScrollArea):
    productChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickKeys")
        self.setAccessibleName(self.tr("Quick keys"))
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.buttons: list[QuickKeyButton] = []
        self.hint: QLabel | None = None

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
        holder = QWidget(self)
        holder.setObjectName("quickKeysGrid")
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        self.buttons = []
        for index, product in enumerate(products):
            price = Money(product.price, settings.currency).format(settings.locale)
            if product.unit == "weight":
                price = self.tr("{price}/kg").format(price=price)
            button = QuickKeyButton(product, price, holder)
            button.clicked.connect(lambda _=False, pid=product.id: self.productChosen.emit(pid))
            grid.addWidget(button, index // COLUMNS, index % COLUMNS)
            self.buttons.append(button)
        for column in range(COLUMNS):
            grid.setColumnStretch(column, 1)
        self.hint = QLabel(hint, holder)
        self.hint.setObjectName("quickKeysHint")
        self.hint.setWordWrap(True)
        self.hint.setVisible(bool(hint))
        grid.addWidget(self.hint, (len(products) + COLUMNS - 1) // COLUMNS, 0, 1, COLUMNS)
        grid.setRowStretch(grid.rowCount(), 1)
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        self.setWidget(holder)
