"""A wallet payment reaches head office with its wallet and masked buyer (issue 16), on a
real PostgreSQL: the till's outbox carries them, head office keeps them beside the card
fields. The payment code never leaves the till's memory, so it cannot travel."""

from __future__ import annotations

from pos.money import Money
from pos.payments import attempts
from pos.payments.gateway.http_adapter import HttpGateway
from pos.payments.sandbox.server import SandboxServer
from pos.sales.cart import Cart
from pos.sales.orders import pay_order, place_order
from pos.sales.register_items import item_for
from pos.settings import load_settings
from pos.store.models import Product
from pos.sync import service
from pos.tax import TaxMode, TaxRounding
from tests.hq.conftest import ServerThread, Till

CODE = "280000000000000001"


def test_a_wallet_payment_syncs_with_its_wallet_and_buyer(tmp_path, monkeypatch, hq_dsn,
                                                          hq_conn, chain):
    _, codes = chain
    (tmp_path / "T1").mkdir()
    till = Till(tmp_path / "T1" / "store.db", monkeypatch)
    with ServerThread(hq_dsn) as server, till, \
            SandboxServer(api_key="k", signing_secret="s") as sandbox, \
            HttpGateway(sandbox.url, "k", "s") as gateway:
        till.stock()
        service.enroll(server.url, codes["T1"])
        cart = Cart("USD", TaxMode.EXCLUSIVE, TaxRounding.PER_LINE)
        cart.add(item_for(Product.get_by_id(till.products["TEA"].id)), 2)
        order = place_order(cart, load_settings().terminal_id)
        request = attempts.open_charge(order, Money(order.total, "USD"), "http",
                                       attempts.source("wallet_code", "alipay"),
                                       payment_code=CODE)
        attempts.finish(request.attempt_id, attempts.send(gateway, request))
        pay_order(order, [])
        assert service.sync_round().waiting == 0
    rows = hq_conn.execute("SELECT tender, wallet, buyer, gateway_ref FROM sale_payment "
                           "WHERE wallet IS NOT NULL").fetchall()
    assert [row[:3] for row in rows] == [("card", "alipay", "138****5678")]
    assert rows[0][3].startswith("ch_")
