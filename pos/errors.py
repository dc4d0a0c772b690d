"""Errors a person can read.

Every failure a cashier, an owner or a file can cause raises a `PosError` whose
message is a plain sentence saying what is wrong and what to do. The command
line and the windows show `str(error)` as it is; anything else is a bug and is
logged with its traceback.
"""


class PosError(Exception):
    """A problem with input or state, explained in words a cashier understands."""


class InputError(PosError):
    """Something typed, scanned or read from a file is not acceptable."""


class NotFound(PosError):
    """A code, SKU, receipt or customer that is not in the store."""


class StateError(PosError):
    """An action that the current state of an order or cart does not allow."""


class StoreError(PosError):
    """The store database cannot be opened, read or written."""


class StoreInUse(StoreError):
    """Another process holds the store's writer lock; `holder` says which, if known
    (`pos.store.writer_lock.Holder`), so a window can offer to bring it to the front."""

    def __init__(self, message: str, holder=None) -> None:
        super().__init__(message)
        self.holder = holder


class PrinterError(PosError):
    """The receipt printer could not print; the sale itself is saved."""
