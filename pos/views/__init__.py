"""Read-side queries for windows and reports: order views, the sales report, payment statistics."""
