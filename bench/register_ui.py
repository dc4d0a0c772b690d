"""The register at 1,000,000 products: from a scan to its line in the cart table.

Times what a cashier waits for after the scanner's Enter: the lookup, the cart
change, the model's rows and the totals panel, then one pass of the event
loop so the table paints. The baseline is raw `sqlite3` doing the barcode
lookup alone in the same run, so the ratio is the cost of everything else.
"""

from __future__ import annotations

import os
import random

from bench.harness import Result, measure, result


def run(results: list[Result]) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from bench.__main__ import big_store, raw_connection
    from pos.settings import load_settings
    from pos.store.db import close_store, open_store
    from ui.register.register_view import RegisterView
    from ui.session import Session

    path = big_store("products_1m", products=1_000_000, days=0)
    app = QApplication.instance() or QApplication([])
    open_store(path)
    try:
        raw = raw_connection(path)
        top = raw.execute("SELECT max(rowid) FROM barcode").fetchone()[0]
        rng = random.Random(9)
        codes = [raw.execute("SELECT code FROM barcode WHERE rowid >= ? LIMIT 1",
                             (rng.randint(1, top),)).fetchone()[0] for _ in range(600)]
        view = RegisterView(Session(load_settings(), path))
        view.resize(1280, 720)
        view.show()
        app.processEvents()
        scans = iter(codes)

        def scan_to_line() -> None:
            if len(view.cart.lines) >= 20:
                view.cart_model.replace_cart(view.cart.__class__(
                    view.cart.currency, view.cart.tax_mode, view.cart.tax_rounding))
            rows = view.cart_model.rowCount()
            view.scan(next(scans))
            app.processEvents()
            assert view.cart_model.rowCount() >= rows

        lookups = iter(codes)
        base = measure(lambda: raw.execute(
            "SELECT p.* FROM barcode b JOIN product p ON p.id = b.product_id WHERE b.code = ?",
            (next(lookups),)).fetchone(), 500)
        results.append(result("(f) scan to visible cart line, 1M products",
                               measure(scan_to_line, 500), "p99 < 50 ms",
                               baseline=("raw sqlite3 barcode lookup", base)))
        view.close()
        raw.close()
    finally:
        close_store()
