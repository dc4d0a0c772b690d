"""Connecting this terminal to the store's card gateway at start-up.

With `card_gateway = sandbox` (the demo) the sandbox gateway runs inside the
program on a free loopback port, so card payments work out of the box; any
other gateway is reached over the network. The service starts reconciling
at once: attempts a previous run left open are settled before the first sale.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from pos.errors import PosError
from pos.payments.gateway.factory import build_gateway, sandbox_credentials, test_cards
from ui.payments.card_service import CardService
from ui.payments.gateway_charger import GatewayCharger
from ui.session import Session

log = logging.getLogger(__name__)


@dataclass
class Cards:
    service: CardService | None = None
    sandbox: object | None = None  # the embedded SandboxServer, when there is one

    def stop(self) -> None:
        if self.service is not None:
            self.service.stop()
        if self.sandbox is not None:
            self.sandbox.stop()


def connect_cards(session: Session) -> Cards:
    """Set `session.card_charger` for the store's gateway; a standalone terminal needs none.

    A gateway that cannot be set up (a missing key) is logged and leaves the
    standalone terminal in place: the till still sells, and says why in the log.
    """
    settings = session.settings
    if settings.card_gateway == "external":
        return Cards()
    sandbox = None
    try:
        url = None
        if settings.card_gateway == "sandbox":
            from pos.payments.sandbox.server import SandboxServer
            from ui.settings.sandbox_scenarios import demo_scripts

            key, secret = sandbox_credentials()
            sandbox = SandboxServer(  # its charges outlive a restart, as a gateway's do
                api_key=key, signing_secret=secret,
                state_file=session.db_path.with_name(session.db_path.name + ".sandbox.json"),
                scripts=demo_scripts())
            sandbox.start()
            url = sandbox.url
        gateway = build_gateway(settings, url)
    except (PosError, OSError) as exc:
        log.warning("Card gateway not available, using the standalone terminal: %s", exc)
        if sandbox is not None:
            sandbox.stop()
        return Cards()
    service = CardService(gateway, settings, test_cards(settings), parent=session)
    service.sandbox = sandbox
    service.follow_settings(session)
    session.card_service = service
    session.card_charger = GatewayCharger(service, settings.card_gateway, settings.locale)
    service.start()
    return Cards(service, sandbox)
