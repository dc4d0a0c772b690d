"""The products on the register's quick keys.

The owner lists SKUs in the settings; until then the register offers the first
products of the first categories (by name), so a new store still has keys.
"""

from __future__ import annotations

from pos.store.models import Category, Product

FALLBACK_CATEGORIES = 3
FALLBACK_PER_CATEGORY = 4


def quick_key_products(skus: list[str]) -> list[Product]:
    """The active products for `skus`, in that order; unknown or retired SKUs are skipped."""
    if not skus:
        return []
    rows = {p.sku: p for p in Product.select().where(Product.sku.in_(skus)
                                                       & (Product.active == True))}  # noqa: E712
    return [rows[sku] for sku in dict.fromkeys(skus) if sku in rows]


def fallback_products(categories: int = FALLBACK_CATEGORIES,
                      per_category: int = FALLBACK_PER_CATEGORY) -> list[Product]:
    """The first few active products of the first few categories, by name."""
    found: list[Product] = []
    for category in Category.select().order_by(Category.name).limit(categories):
        found += list(Product.select()
                      .where((Product.category == category.id) & (Product.active == True))  # noqa: E712
                      .order_by(Product.name_key).limit(per_category))
    return found
