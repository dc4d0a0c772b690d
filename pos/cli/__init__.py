"""The `pos` command line: one module per command group."""
