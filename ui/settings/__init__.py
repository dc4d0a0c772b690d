"""The Settings page: store details, money and tax, receipts and quick keys."""
