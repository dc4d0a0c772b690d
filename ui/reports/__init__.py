"""The Reports page: sales for a date range as tables beside QtCharts charts, with CSV export."""
