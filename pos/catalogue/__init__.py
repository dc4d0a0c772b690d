"""What the store sells and to whom: products, barcodes, text keys, customers, quick keys
and CSV."""
