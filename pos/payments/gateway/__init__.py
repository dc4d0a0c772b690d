"""Card payment gateways: one interface (`base`), adapters for our own signed HTTP
protocol (`http_adapter`, served by `sandbox`) and for Stripe (`stripe_adapter`).

Nothing here touches the database or Qt: an adapter does network I/O only, so
it can run on a worker thread while the store's writes stay on the GUI thread.
"""
