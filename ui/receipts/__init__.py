"""The windows' side of receipts: printing off the GUI thread, the printer problem dialog,
and Qt's renderings of the receipt model (80 mm roll, A4 invoice, PDF, system printer)."""
