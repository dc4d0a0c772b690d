"""The dialog that creates or edits one product.

It gathers the fields, turns typed text into values (a price through
`parse_money` in the store's locale, so "2,49" means what a German cashier
means) and hands one `ProductInput` to `pos.catalogue.products.save_product`, which
checks everything and writes in one transaction. A refusal (`PosError`) is
shown in plain words inside the dialog, nothing is saved, and the dialog
stays open with what was typed.
"""

from __future__ import annotations

import re
from decimal import Decimal

from babel.numbers import format_decimal, get_group_symbol
from peewee import SQL
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QWidget,
)

from pos.catalogue.products import UNITS, ProductInput, save_product
from pos.errors import InputError, PosError
from pos.money import exponent, parse_money
from pos.settings import StoreSettings
from pos.store.db import translate_errors
from pos.store.models import Barcode, Category, Product, TaxClass
from ui.forms import (
    TOUCH,
    MessageLabel,
    add_form_rows,
    button_row,
    combo_box,
    dialog_layout,
    fix_minimum_size,
    form_label,
    growing_form,
    line_edit,
    text_box,
    touch_button,
)

_CODE_SEPARATORS = re.compile(r"[\s,;|]+")


def split_codes(text: str) -> tuple[str, ...]:
    """Barcodes typed one per line or separated by commas (spaces, ';' and '|' too)."""
    return tuple(code for code in _CODE_SEPARATORS.split(text or "") if code)


def decimal_text(minor: int, currency: str, locale: str) -> str:
    """An amount as a person would type it in `locale`, without sign or grouping
    ("2,49" in de_DE): what `parse_money` reads back to the same amount."""
    digits = exponent(currency)
    pattern = "0." + "0" * digits if digits else "0"
    return format_decimal(Decimal(minor).scaleb(-digits), format=pattern, locale=locale)


class ProductDialog(QDialog):
    """Create a product (`product_id=None`) or edit one; emits `saved(product_id)`."""

    saved = Signal(int)

    def __init__(self, settings: StoreSettings, product_id: int | None = None,
                 parent: QWidget | None = None, *,
                 default_tax_class: str | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.product_id = product_id
        self.setObjectName("productDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowTitle(self.tr("New product") if product_id is None
                            else self.tr("Edit product"))
        self._build()
        self._fill_choices()
        if product_id is not None:
            self._load(product_id)
        elif default_tax_class and self.tax_combo.findData(default_tax_class) >= 0:
            self.tax_combo.setCurrentIndex(self.tax_combo.findData(default_tax_class))
        self._unit_changed()
        fix_minimum_size(self, 560, self.layout().minimumSize().height())

    # widgets -----------------------------------------------------------------
    def _build(self) -> None:
        self.sku_edit = line_edit(self, "productSku", self.tr("SKU"))
        self.sku_edit.setMaxLength(64)
        self.sku_edit.setPlaceholderText(self.tr("The product's own code, without spaces"))
        self.name_edit = line_edit(self, "productName", self.tr("Name"))
        self.name_edit.setMaxLength(200)
        self.price_edit = line_edit(self, "productPrice", self.tr("Price"))
        self.price_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.price_edit.setPlaceholderText(decimal_text(0, self.settings.currency,
                                                        self.settings.locale))
        self.price_unit = QLabel(self.settings.currency, self)
        self.tax_combo = combo_box(self, "productTaxClass", self.tr("Tax class"))
        self.category_combo = combo_box(self, "productCategory", self.tr("Category"),
                                        editable=True)
        self.category_combo.lineEdit().setPlaceholderText(self.tr("None"))
        self.unit_combo = combo_box(self, "productUnit", self.tr("Sold by"))
        self.unit_combo.addItem(self.tr("The piece"), "each")
        self.unit_combo.addItem(self.tr("Weight (price per kg, stock in grams)"), "weight")
        assert tuple(self.unit_combo.itemData(i) for i in range(2)) == UNITS
        self.unit_combo.currentIndexChanged.connect(self._unit_changed)
        self.barcodes_edit = text_box(self, "productBarcodes", self.tr("Barcodes"), height=72)
        self.barcodes_edit.setPlaceholderText(self.tr("One per line, or separated by commas"))
        self.active_check = QCheckBox(self.tr("On sale (active)"), self)
        self.active_check.setObjectName("productActive")
        self.active_check.setAccessibleName(self.tr("Active"))
        self.active_check.setChecked(True)
        self.active_check.setMinimumHeight(TOUCH - 8)
        self.stock_edit = line_edit(self, "productStock", self.tr("Stock"))
        self.stock_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.stock_edit.setText("0")

        price_box = QWidget(self)
        price_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        price_row = QHBoxLayout(price_box)
        price_row.setContentsMargins(0, 0, 0, 0)
        price_row.setSpacing(8)
        price_row.addWidget(self.price_edit, 1)
        price_row.addWidget(self.price_unit)
        form = growing_form(vertical=8, horizontal=12)
        add_form_rows(form, ((self.tr("&SKU"), self.sku_edit), (self.tr("&Name"), self.name_edit),
                             (self.tr("&Price"), price_box, self.price_edit),
                             (self.tr("&Tax class"), self.tax_combo),
                             (self.tr("&Category"), self.category_combo),
                             (self.tr("Sold &by"), self.unit_combo),
                             (self.tr("Bar&codes"), self.barcodes_edit)), self)
        self.stock_label = form_label("", self.stock_edit, self)
        form.addRow(self.stock_label, self.stock_edit)
        form.addRow("", self.active_check)

        self.message = MessageLabel(self, "productDialogMessage")
        self.save_button = touch_button(self.tr("Save"), self, "productSaveButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.cancel_button = touch_button(self.tr("Cancel"), self, "productCancelButton",
                                          secondary=True)
        self.cancel_button.clicked.connect(self.reject)
        dialog_layout(self, form, self.message, button_row(self.cancel_button, self.save_button))

    def _fill_choices(self) -> None:
        with translate_errors():
            for code, name in (TaxClass.select(TaxClass.code, TaxClass.name)
                               .order_by(TaxClass.name).tuples()):
                self.tax_combo.addItem(self.tr("{name} ({code})").format(name=name, code=code),
                                       code)
            self.category_combo.addItem("", None)
            for (name,) in Category.select(Category.name).order_by(Category.name).tuples():
                self.category_combo.addItem(name, name)
        self.category_combo.setCurrentIndex(0)

    def _load(self, product_id: int) -> None:
        with translate_errors():
            product = Product.get_by_id(product_id)
            codes = [code for (code,) in Barcode.select(Barcode.code)
                     .where(Barcode.product == product_id).order_by(SQL("rowid")).tuples()]
            tax_code = product.tax_class.code
            category = product.category.name if product.category_id else ""
        self.sku_edit.setText(product.sku)
        self.sku_edit.setReadOnly(True)  # save_product finds the product by its SKU
        self.sku_edit.setToolTip(self.tr("The SKU names the product and cannot change."))
        self.name_edit.setText(product.name)
        self.price_edit.setText(decimal_text(product.price, self.settings.currency,
                                             self.settings.locale))
        self.tax_combo.setCurrentIndex(max(0, self.tax_combo.findData(tax_code)))
        self.category_combo.setCurrentText(category)
        self.unit_combo.setCurrentIndex(max(0, self.unit_combo.findData(product.unit)))
        self.barcodes_edit.setPlainText("\n".join(codes))
        self.active_check.setChecked(bool(product.active))
        self.stock_edit.setText(str(product.stock))

    def _unit_changed(self) -> None:
        weight = self.unit_combo.currentData() == "weight"
        self.stock_label.setText(self.tr("S&tock (grams)") if weight else self.tr("S&tock"))
        self.price_unit.setText(self.tr("{currency} per kg").format(
            currency=self.settings.currency) if weight else self.settings.currency)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        first = self.name_edit if self.sku_edit.isReadOnly() else self.sku_edit
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    # saving ----------------------------------------------------------------------
    def product_input(self) -> ProductInput:
        """The typed fields as a `ProductInput`; raises `InputError` for text that is not
        a price or a whole number."""
        settings = self.settings
        price = parse_money(self.price_edit.text(), settings.currency, settings.locale,
                            what=self.tr("price"))
        return ProductInput(
            sku=self.sku_edit.text(), name=self.name_edit.text(), price=price,
            tax_class=self.tax_combo.currentData() or "",
            category=self.category_combo.currentText(),
            unit=self.unit_combo.currentData(),
            barcodes=split_codes(self.barcodes_edit.toPlainText()),
            active=self.active_check.isChecked(), stock=self._stock())

    def _stock(self) -> int:
        text = self.stock_edit.text().strip()
        cleaned = text.replace(get_group_symbol(self.settings.locale), "").replace(" ", "")
        if not cleaned:
            return 0
        if not re.fullmatch(r"[+-]?[0-9]+", cleaned):
            what = (self.tr("grams") if self.unit_combo.currentData() == "weight"
                    else self.tr("pieces"))
            raise InputError(self.tr("The stock “{text}” is not a whole number of "
                                     "{what}; type digits like 12.").format(text=text,
                                                                            what=what))
        return int(cleaned)

    def save(self) -> bool:
        """Save through `save_product`; on a refusal show why and keep the dialog open."""
        self.message.clear_message()
        try:
            data = self.product_input()
            if not data.tax_class:
                raise InputError(self.tr("Choose a tax class; add one with Tax classes first."))
            if self.product_id is None:
                self._refuse_existing_sku(data.sku.strip())
            product = save_product(data)
        except PosError as exc:
            self.message.show_error(str(exc))
            return False
        self.product_id = product.id
        self.saved.emit(product.id)
        self.accept()
        return True

    def _refuse_existing_sku(self, sku: str) -> None:
        # save_product updates a product whose SKU exists; "New product" must not
        # overwrite one by accident.
        with translate_errors():
            taken = Product.get_or_none(Product.sku == sku)
        if taken is not None:
            raise InputError(self.tr("A product with the SKU {sku} already exists ({name}). "
                                     "Choose another SKU, or edit that product from the "
                                     "list.").format(sku=sku, name=taken.name))
