"""Card payments through a gateway: the worker runs, the progress dialog, reconciliation."""
