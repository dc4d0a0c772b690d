"""On-the-spot approval: a supervisor or manager confirms, with their PIN, what a cashier may
not do alone.

`pos.staff.users.require` decides and records the approval (who, what, when, for
whom); this dialog only says what needs approving and who can give it. The
services check the right again, so a caller passes the approval on to the
service that does the change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QLabel, QWidget

from pos.staff import users
from ui.staff.prompt import StaffPrompt, finish_dialog, give_focus_back, show_message


@dataclass(frozen=True)
class ApprovalResult:
    """Whether to go ahead, and the approval to give the service with the change.

    allowed and approval None: the user's own role allows it (no approval needed);
    allowed with an approval: an approver said yes; not allowed: cancelled.
    """

    allowed: bool
    approval: users.Approval | None = None

    @property
    def approvals(self) -> tuple[users.Approval, ...]:
        """For `Session.actor(*result.approvals)`: the approval, if one was given."""
        return () if self.approval is None else (self.approval,)


NOT_NEEDED = ApprovalResult(True)
CANCELLED = ApprovalResult(False)


class ApprovalDialog(StaffPrompt):
    """Lists the enabled staff who hold the right for `action`; `outcome` is the result
    (CANCELLED until an approver's PIN is accepted)."""

    def __init__(self, user: users.User, action: str, parent: QWidget | None = None) -> None:
        approvers = [person for person in users.list_users(include_disabled=False)
                     if person.id != user.id and users.may(person, action)]
        super().__init__(approvers, parent)
        self.user = user
        self.action = action
        self.outcome = CANCELLED
        self.setObjectName("approvalDialog")
        self.setWindowTitle(self.tr("Approval needed"))
        self.set_ok_text(self.tr("Approve"))
        self.user_list.setAccessibleName(self.tr("Who approves"))
        self.heading.setText(self.explanation(action))
        detail = QLabel(self.tr("{name} may not do this alone. The approver chooses their name "
                                "and enters their own PIN or password.").format(name=user.name),
                        self)
        detail.setObjectName("staffDetail")
        detail.setWordWrap(True)
        self.layout_.insertWidget(1, detail)
        if not approvers:
            show_message(self.message, self.tr("No one who may approve this can sign in on "
                                               "this till; ask a manager."))
        finish_dialog(self, self.layout_)

    def explanation(self, action: str) -> str:
        """What needs approving, and by whom, in words."""
        texts = {
            "void": self.tr("A void needs the approval of a supervisor or a manager."),
            "refund": self.tr("A refund needs the approval of a supervisor or a manager."),
            "price_override": self.tr("A price override needs the approval of a supervisor "
                                      "or a manager."),
            "discount_over_threshold": self.tr("A discount above the store's limit needs the "
                                               "approval of a supervisor or a manager."),
            "cash_in_out": self.tr("Putting cash into the drawer or taking it out needs the "
                                   "approval of a supervisor or a manager."),
            "no_sale_drawer": self.tr("Opening the drawer without a sale needs the approval "
                                      "of a supervisor or a manager."),
            "close_shift": self.tr("Closing the shift needs the approval of a supervisor or "
                                   "a manager."),
            "change_settings": self.tr("Changing the settings needs the approval of a "
                                       "manager."),
            "manage_users": self.tr("Managing staff needs the approval of a manager."),
            "quit_till": self.tr("Quitting the till needs the approval of a manager."),
            "open_products": self.tr("The Products page is for the roles the store chose: a "
                                     "supervisor or a manager unless its settings say "
                                     "otherwise."),
            "open_reports": self.tr("The Reports page is for the roles the store chose: a "
                                    "supervisor or a manager unless its settings say "
                                    "otherwise."),
            "open_settings": self.tr("The Settings page is for the roles the store chose: a "
                                     "supervisor or a manager unless its settings say "
                                     "otherwise."),
        }
        return texts.get(action) or self.tr("This needs an approval: {what}.").format(
            what=users.PERMISSIONS[action][1])

    def check(self, user: users.User, secret: str, derived: users.Derived) -> None:
        approval = users.require(self.user, self.action, user.id, secret, derived=derived)
        self.outcome = ApprovalResult(True, approval)  # None: the right came meanwhile


def ask_approval(user: users.User, action: str,
                 parent: QWidget | None = None) -> ApprovalResult:
    """Before `action` by `user`: NOT_NEEDED at once (nothing shown) when their role allows
    it, else the dialog's outcome: an approval, or CANCELLED. Call it outside any
    transaction (an approval commits on its own), then do the change."""
    current = users.find_user(user)  # a role changed since sign-in counts
    if users.may(current, action):
        return NOT_NEEDED
    dialog = ApprovalDialog(current, action, parent)
    dialog.exec()
    dialog.deleteLater()
    give_focus_back(parent)
    return dialog.outcome


def request_approval(user: users.User, action: str, parent: QWidget | None,
                     answer: Callable[[ApprovalResult], None]) -> ApprovalDialog | None:
    """`ask_approval` without a local event loop, for the money paths (the checkout, a
    line void): `answer(result)` is called at once (nothing shown) when the user's role
    allows it, else when the dialog closes, after the focus went back to `parent`'s
    window. Returns the dialog opened (window-modal, `open()`), or None."""
    current = users.find_user(user)
    if users.may(current, action):
        answer(NOT_NEEDED)
        return None
    dialog = ApprovalDialog(current, action, parent)

    def finished(_code: int) -> None:
        dialog.deleteLater()
        give_focus_back(parent)
        answer(dialog.outcome)

    dialog.finished.connect(finished)
    dialog.open()
    return dialog
