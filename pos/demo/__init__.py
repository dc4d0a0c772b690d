"""The demo store: its catalogue, staff and months of sales."""
