"""The demo's quick keys are its best sellers, not the first products by name (issue 11)."""

from __future__ import annotations

from peewee import fn

from pos.catalogue.quick_keys import fallback_products
from pos.demo.data import DEMO_QUICK_KEYS, create_demo
from pos.settings import load_settings, quick_keys_from_json
from pos.store.models import OrderLine, Product


def test_the_demo_quick_keys_are_its_best_sellers(store):
    create_demo(products=400, days=20, seed=3)
    keys = quick_keys_from_json(load_settings().quick_keys)
    assert len(keys) == len(set(keys)) == DEMO_QUICK_KEYS
    sold = dict(OrderLine.select(Product.sku, fn.COUNT(OrderLine.id))
                .join(Product, on=OrderLine.product == Product.id)
                .group_by(Product.sku).tuples())
    ranked = sorted(sold, key=sold.get, reverse=True)
    assert ranked[0] in keys and ranked[1] in keys
    # drawn at random, the history may swap a neighbour or two, never more
    assert len(set(keys) & set(ranked[:DEMO_QUICK_KEYS + 3])) >= DEMO_QUICK_KEYS - 1
    assert min(sold.get(sku, 0) for sku in keys) > sorted(sold.values())[len(sold) // 2]
    assert set(keys) != {p.sku for p in fallback_products()[:DEMO_QUICK_KEYS]}
