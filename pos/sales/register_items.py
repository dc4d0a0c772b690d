"""Turning a catalogue product into the cart's `Item` (the cart itself knows no database)."""

from __future__ import annotations

from pos.sales.cart import Item
from pos.store.models import Product, TaxClass


def item_for(product: Product, tax_class: TaxClass | None = None) -> Item:
    """Copy what the cart needs; pass `tax_class` when it is already loaded."""
    tax = tax_class or product.tax_class
    return Item(product.id, product.sku, product.name, product.unit, product.price, tax.code,
                tax.rate_ppm)
