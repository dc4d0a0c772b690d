"""Ringing up a sale: the cart and its edits, scanning, parking, cash and tenders, orders
and their states, refunds, shifts."""
