"""Receipts: a receipt model built from a saved order, laid out as text, and turned into
ESC/POS bytes for thermal printers (Qt renders the same model to PDF and system printers).

Everything here is plain Python, so the command line prints receipts without Qt.
"""
