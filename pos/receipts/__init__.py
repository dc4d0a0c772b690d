"""Receipts: a receipt model built from a saved order, rendered to text, ESC/POS and PDF."""
