"""The checkout dialog: tender entry, split tender, change due and the save of the sale."""

from ui.checkout.card_terminal import CardCharger, CardConfirmation, ExternalTerminalCharger
from ui.checkout.checkout_dialog import CheckoutDialog

__all__ = ["CardCharger", "CardConfirmation", "CheckoutDialog", "ExternalTerminalCharger"]
