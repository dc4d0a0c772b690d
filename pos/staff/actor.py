"""Who is doing a change, and the permission checks the services make themselves.

A window passes an `Actor` (the signed-in user, and any on-the-spot approvals
`pos.staff.users.require` saved) to a service; the service calls `authorize` inside
its transaction, so a risky action is refused in `pos/` whatever window or
script asks. A store without any staff (before the first manager is created,
or a file used only from the command line) has nobody to check.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pos.staff import users
from pos.store.models import utcnow

APPROVAL_LIFETIME = dt.timedelta(minutes=5)  # an approval covers the action it was asked for


@dataclass(frozen=True)
class Actor:
    user: users.User
    approvals: tuple[users.Approval, ...] = ()

    @property
    def user_id(self) -> int:
        return self.user.id

    def approval_for(self, action: str) -> users.Approval | None:
        return next((a for a in self.approvals if a.action == action), None)


def signed_in(actor: Actor | None) -> None:
    """Every sale is someone's: a store with staff refuses one made by nobody."""
    if actor is None and users.has_users():
        raise users.AccessDenied("Sign in first: changes are made by a signed-in user.")


def authorize(actor: Actor | None, action: str, given: int | None = None) -> int | None:
    """Raise `AccessDenied` unless `actor` may do `action` (by role, or by a fresh approval
    for that very action and user); return the approval's id, if one was used.

    `given` is an approval asked for at the moment of the act itself and recorded
    later (a line voided on the spot, saved with the sale): it counts, however old,
    when it was given for this action to this user."""
    if actor is None:
        signed_in(actor)
        return None
    user = users.find_user(actor.user.id)  # the stored row: a role taken away counts now
    if user.disabled:
        raise users.AccessDenied(f"{user.name} is disabled; ask a manager.")
    if users.may(user, action):
        return None
    if given is not None:
        earlier = users.Approval.get_or_none(users.Approval.id == given)
        if earlier is not None and earlier.action == action and earlier.user_id == user.id:
            return earlier.id
    approval = actor.approval_for(action)
    if (approval is None or approval.user_id != user.id
            or utcnow() - approval.at > APPROVAL_LIFETIME):
        raise users.AccessDenied(f"{user.name} may not do this alone: a supervisor must "
                                 "approve it with their PIN.")
    return approval.id
