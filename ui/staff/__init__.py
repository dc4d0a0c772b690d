"""Staff dialogs: sign-in and the lock screen, the first manager, on-the-spot approval."""

from ui.staff.approval import (
    CANCELLED,
    NOT_NEEDED,
    ApprovalDialog,
    ApprovalResult,
    ask_approval,
    request_approval,
)
from ui.staff.first_manager import FirstManagerDialog, ask_first_manager
from ui.staff.sign_in import SignInDialog, lock, sign_in, start

__all__ = [
    "CANCELLED",
    "NOT_NEEDED",
    "ApprovalDialog",
    "ApprovalResult",
    "FirstManagerDialog",
    "SignInDialog",
    "ask_approval",
    "ask_first_manager",
    "request_approval",
    "lock",
    "sign_in",
    "start",
]
