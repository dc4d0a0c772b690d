"""The Shift dialog: float, cash in and out, X report, count and close, Z report."""
