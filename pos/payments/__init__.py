"""Card payments taken exactly once: attempts and reconciliation, the gateway clients and
the sandbox gateway."""
