"""Staff: users with roles, PINs and passwords, lockout, permissions and on-the-spot approval.

Secrets are hashed with scrypt (`cryptography`), a fresh 16-byte random salt per
user and per change, into 32 bytes. The defaults, N = 2**17, r = 8, p = 1
(OWASP's minimum for scrypt: 128 MiB of memory, about 0.35 s on a small till),
are stored with every hash, so raising `DEFAULT_PARAMS` later moves each user
to the new cost at their next PIN reset while old hashes keep working. The
stored hash is compared in constant time. A 4-digit PIN has only 10,000 values,
which someone holding the database can still try in about an hour of one core:
the cost protects passwords; a PIN is protected at the till by the lockout: five
wrong tries lock the user for five minutes, kept in the database so a restart
does not lift it.

Every change here, each sign-in and each wrong try is recorded in the audit
journal in the same transaction. `authenticate` and `require` commit on their
own (a wrong try must be counted even when the caller's work is then abandoned),
so they refuse to run inside a transaction: check first, then open the
transaction of the change and put the approval's id into its journal entry.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hmac
import math
import os
import re
import unicodedata
from dataclasses import dataclass

import peewee as pw
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from pos.errors import InputError, NotFound, PosError, StateError, StoreError
from pos.store import journal
from pos.store.db import database, translate_errors
from pos.store.models import BaseModel, Setting, UtcTimestampField, utcnow

ROLES = ("cashier", "supervisor", "manager")
MAX_FAILED = 5
LOCK_TIME = dt.timedelta(minutes=5)
SALT_BYTES = 16
HASH_BYTES = 32
_PIN = re.compile(r"[0-9]{4,8}")
PASSWORD_MIN, PASSWORD_MAX = 8, 128
NAME_MAX = 40

_SUPERVISOR = frozenset({"supervisor", "manager"})
_MANAGER = frozenset({"manager"})
# action → (the roles that may do it, what it is called in a message)
PERMISSIONS: dict[str, tuple[frozenset[str], str]] = {
    "void": (_SUPERVISOR, "voids"),
    "refund": (_SUPERVISOR, "refunds"),
    "price_override": (_SUPERVISOR, "price overrides"),
    "discount_over_threshold": (_SUPERVISOR, "discounts above the store's limit"),
    "cash_in_out": (_SUPERVISOR, "cash in and out"),
    "no_sale_drawer": (_SUPERVISOR, "opening the drawer without a sale"),
    "close_shift": (_SUPERVISOR, "closing a shift"),
    "change_settings": (_MANAGER, "changing settings"),
    "manage_users": (_MANAGER, "managing users"),
    "quit_till": (_MANAGER, "quitting the till in kiosk mode"),
    # The back-office pages: the store chooses the roles (settings below); a manager always may.
    "open_products": (_SUPERVISOR, "products"),
    "open_reports": (_SUPERVISOR, "reports"),
    "open_settings": (_SUPERVISOR, "settings"),
}
PAGE_ROLE_SETTINGS = {"open_products": "products_roles", "open_reports": "reports_roles",
                      "open_settings": "settings_roles"}
"""Actions whose roles a store setting lists (e.g. `reports_roles=cashier,supervisor`)."""
DEFAULT_PAGE_ROLES = "supervisor,manager"


class AccessDenied(PosError):
    """A wrong PIN, a locked or disabled user, or an action the user may not do."""


@dataclass(frozen=True)
class ScryptParams:
    """scrypt's cost: N (a power of two), r and p. Tests pass cheap ones explicitly."""

    n: int = 2 ** 17
    r: int = 8
    p: int = 1

    def checked(self) -> ScryptParams:
        """Refuse nonsense, and a cost so high that a planted row would exhaust memory."""
        if not (1 < self.n <= 2 ** 20 and self.n & (self.n - 1) == 0
                and 1 <= self.r <= 32 and 1 <= self.p <= 16):
            raise StoreError(f"The scrypt parameters N={self.n}, r={self.r}, p={self.p} are "
                             "not usable: N must be a power of two up to 2**20, r at most 32, "
                             "p at most 16.")
        return self


DEFAULT_PARAMS = ScryptParams()


class User(BaseModel):
    name = pw.TextField()
    name_key = pw.TextField(unique=True)
    role = pw.TextField()
    secret_kind = pw.TextField()  # "pin" or "password"
    salt = pw.BlobField()
    hash = pw.BlobField()
    scrypt_n = pw.IntegerField()
    scrypt_r = pw.IntegerField()
    scrypt_p = pw.IntegerField()
    failed_attempts = pw.IntegerField(default=0)
    locked_until = UtcTimestampField(null=True)
    disabled = pw.BooleanField(default=False)
    created_at = UtcTimestampField(default=utcnow)

    class Meta:
        table_name = "staff_user"

    def __repr__(self) -> str:  # never the salt or the hash
        return f"<User {self.id} {self.name!r} {self.role}>"


class Approval(BaseModel):
    at = UtcTimestampField()
    action = pw.TextField()
    user = pw.ForeignKeyField(User, column_name="user_id")
    approver = pw.ForeignKeyField(User, column_name="approver_id")


# --- users -----------------------------------------------------------------------

def add_user(name: str, role: str, pin: str | None = None, password: str | None = None, *,
             by: User | None = None, params: ScryptParams | None = None) -> User:
    """A new user with a PIN or a password. `by`, when given, must be a manager; None is the
    command line, whose operator holds the store file. A store's first user is a manager."""
    _check_manager(by)
    return _insert(name, role, pin, password, by, params, first=False)


def create_first_manager(name: str, pin: str | None = None, password: str | None = None, *,
                         params: ScryptParams | None = None) -> User:
    """The first-run manager; refused once the store has any user."""
    return _insert(name, "manager", pin, password, None, params, first=True)


def has_users() -> bool:
    with translate_errors():
        return User.select().exists()


def list_users(*, include_disabled: bool = True) -> list[User]:
    with translate_errors():
        query = User.select().order_by(User.name_key)
        if not include_disabled:
            query = query.where(~User.disabled)
        return list(query)


def find_user(who: str | int | User) -> User:
    """A user by name (any case), by id, or the current row of a `User`."""
    with translate_errors():
        if isinstance(who, User | int):
            user = User.get_or_none(User.id == (who.id if isinstance(who, User) else who))
        else:
            user = User.get_or_none(User.name_key == _name_key(str(who)))
    if user is None:
        raise NotFound(f"There is no user {who.name if isinstance(who, User) else who}.")
    return user


def disable_user(who: str | int | User, *, by: User | None = None) -> User:
    """Stop a user from signing in or approving; the last manager who can is kept."""
    return _set_disabled(who, True, by)


def enable_user(who: str | int | User, *, by: User | None = None) -> User:
    """Let a disabled user sign in again, with no lock and no wrong tries counted."""
    return _set_disabled(who, False, by)


def reset_pin(who: str | int | User, pin: str | None = None, password: str | None = None, *,
              by: User | None = None, params: ScryptParams | None = None) -> User:
    """Give a user a new PIN or password (at today's scrypt cost), lifting any lock."""
    _check_manager(by)
    fields = new_secret(pin, password, params)
    with translate_errors(), database.atomic():
        user = find_user(who)
        User.update(**fields, failed_attempts=0, locked_until=None).where(
            User.id == user.id).execute()
        journal.append("secret_reset", {"user_id": user.id, "name": user.name,
                                        "secret_kind": fields["secret_kind"]}, _id(by))
    return find_user(user.id)


def _insert(name, role, pin, password, by, params, *, first: bool) -> User:
    name, key = checked_name(name)
    if role not in ROLES:
        raise InputError(f"{role!r} is not a role: use cashier, supervisor or manager.")
    fields = new_secret(pin, password, params)  # slow: before the write lock is taken
    with translate_errors(), database.atomic():
        existing = User.select().exists()
        if first and existing:
            raise StateError("The store already has users; a manager adds the next one.")
        if not existing and role != "manager":
            raise InputError("A store's first user must be a manager, who can then add the "
                             "others.")
        twin = User.get_or_none(User.name_key == key)
        if twin is not None:
            raise InputError(f"There is already a user named {twin.name}; choose another "
                             "name.")
        user = User.create(name=name, name_key=key, role=role, **fields)
        journal.append("user_add", {"user_id": user.id, "name": name, "role": role,
                                    "secret_kind": fields["secret_kind"]}, _id(by))
    return user


def _set_disabled(who, disabled: bool, by: User | None) -> User:
    _check_manager(by)
    with translate_errors(), database.atomic():
        user = find_user(who)
        if user.disabled == disabled:
            return user
        if disabled and user.role == "manager" and not User.select().where(
                User.role == "manager", ~User.disabled, User.id != user.id).exists():
            raise StateError(f"{user.name} is the last manager who can sign in; add another "
                             "manager first.")
        User.update(disabled=disabled, failed_attempts=0, locked_until=None).where(
            User.id == user.id).execute()
        journal.append("user_disable" if disabled else "user_enable",
                       {"user_id": user.id, "name": user.name}, _id(by))
    return find_user(user.id)


def checked_name(name: str) -> tuple[str, str]:
    """A user's name tidied and checked, and its key (unique ignoring case and width); here
    and at head office (`pos.hq.catalogue`)."""
    name = " ".join(str(name).split())
    if not name:
        raise InputError("A user needs a name.")
    if len(name) > NAME_MAX:
        raise InputError(f"A user's name is at most {NAME_MAX} characters.")
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise InputError("A user's name cannot contain control characters.")
    return name, _name_key(name)


def _name_key(name: str) -> str:
    """Names are unique ignoring case and width: 'Ana', 'ANA' and 'Ａｎａ' are one name."""
    return unicodedata.normalize("NFKC", " ".join(name.split())).casefold()


def _check_manager(by: User | None) -> None:
    if by is not None:
        by = find_user(by)
        if not may(by, "manage_users"):
            raise AccessDenied(f"{by.name} ({by.role}) may not manage users; a manager must.")


def _id(user: User | None) -> int | None:
    return None if user is None else user.id


# --- secrets ---------------------------------------------------------------------

def new_secret(pin: str | None, password: str | None, params: ScryptParams | None) -> dict:
    """The columns of a freshly salted hash of a PIN or password (here, and at head office,
    whose tills receive the hash and never the PIN)."""
    if (pin is None) == (password is None):
        raise InputError("Give a PIN or a password (one of the two).")
    kind = "pin" if pin is not None else "password"
    encoded = _encoded(kind, pin if pin is not None else password, checked=True)
    params = (params or DEFAULT_PARAMS).checked()
    salt = os.urandom(SALT_BYTES)
    return {"secret_kind": kind, "salt": salt, "hash": _scrypt(salt, params).derive(encoded),
            "scrypt_n": params.n, "scrypt_r": params.r, "scrypt_p": params.p}


def _encoded(kind: str, secret: str, *, checked: bool) -> bytes | None:
    """The bytes hashed; for a secret of the wrong shape an InputError when `checked` (it is
    being set), else None (it is being tried, and cannot match)."""
    if not isinstance(secret, str):
        raise InputError("A PIN or password is text.")
    if kind == "pin":
        if _PIN.fullmatch(secret):
            return secret.encode("ascii")
        if not checked:
            return None
        if not secret.isascii() or not secret.isdigit():
            raise InputError("A PIN has digits only (0 to 9).")
        raise InputError(f"A PIN is 4 to 8 digits long; this one has {len(secret)}.")
    secret = unicodedata.normalize("NFC", secret)  # the same password from any keyboard
    if PASSWORD_MIN <= len(secret) <= PASSWORD_MAX and secret.strip():
        return secret.encode("utf-8")
    if not checked:
        return None
    raise InputError(f"A password is {PASSWORD_MIN} to {PASSWORD_MAX} characters long.")


def _scrypt(salt: bytes, params: ScryptParams) -> Scrypt:
    return Scrypt(salt=salt, length=HASH_BYTES, n=params.n, r=params.r, p=params.p)


@dataclass(frozen=True)
class Derived:
    """A tried secret run through its user's scrypt, ahead of the check (`derive`)."""

    user_id: int
    salt: bytes
    params: tuple[int, int, int]
    key: bytes | None  # None: the secret cannot match (wrong shape)


def derive(user: User, secret: str) -> Derived:
    """The slow half of a PIN check (scrypt, about 0.3 s) with no store access, so a window
    can run it on a worker; `authenticate` and `require` then compare it inside their write
    transaction, where the lock is read and a wrong try counted."""
    params = ScryptParams(user.scrypt_n, user.scrypt_r, user.scrypt_p).checked()
    encoded = _encoded(user.secret_kind, secret, checked=False)
    key = None if encoded is None else _scrypt(bytes(user.salt), params).derive(encoded)
    return Derived(user.id, bytes(user.salt), (params.n, params.r, params.p), key)


def _matches(user: User, secret: str, derived: Derived | None = None) -> bool:
    """Whether `secret` is `user`'s; `derived` (from `derive`) saves the scrypt step when
    it was made with the user's current salt and parameters."""
    if derived is None or (derived.user_id, derived.salt, derived.params) != (
            user.id, bytes(user.salt), (user.scrypt_n, user.scrypt_r, user.scrypt_p)):
        derived = derive(user, secret)
    return derived.key is not None and hmac.compare_digest(derived.key, bytes(user.hash))


# --- signing in and approving ----------------------------------------------------

def authenticate(who: str | int, secret: str, *, now: dt.datetime | None = None,
                 derived: Derived | None = None) -> User:
    """Sign in: the user, or AccessDenied for a wrong secret, a lock (with the minutes left)
    or a disabled user. Commits on its own (see the module docstring)."""
    _outside_transaction("authenticate")
    journal.check_trusted()  # a wiped or rolled-back journal stops the till here

    def signed_in(user: User, now: dt.datetime) -> None:
        journal.append("sign_in", {"user_id": user.id, "name": user.name, "role": user.role},
                       user.id, at=now)

    user = find_user(who)
    _try_secret(user, secret, now, "sign_in", signed_in, derived)
    return find_user(user.id)


def may(user: User, action: str) -> bool:
    """Whether `user`'s role allows `action` by itself, without an approval."""
    roles, _ = _action(action)
    return not user.disabled and user.role in roles


def require(user: User, action: str, approver: str | int | User | None = None,
            approver_secret: str | None = None, *,
            now: dt.datetime | None = None, derived: Derived | None = None) -> Approval | None:
    """None when `user` may do `action`; else the approval of `approver`, who must hold the
    right and give their PIN or password now. The approval (who, what, when, for whom) is
    saved and journalled; a refused one saves nothing but the approver's wrong try.
    Commits on its own: call it before the transaction of the change."""
    roles, label = _action(action)
    _outside_transaction("require")
    user = find_user(user)  # the current row: a role changed since sign-in counts
    if user.disabled:
        raise AccessDenied(f"{user.name} is disabled; ask a manager.")
    if may(user, action):
        return None
    who_may = " or ".join(f"a {role}" for role in ROLES if role in roles)
    if approver is None:
        raise AccessDenied(f"{label.capitalize()} need the approval of {who_may}.")
    approver = find_user(approver)
    if approver.disabled:
        raise AccessDenied(f"{approver.name} is disabled and cannot approve; ask {who_may}.")
    if not may(approver, action):
        raise AccessDenied(f"{approver.name} ({approver.role}) may not approve {label}; ask "
                           f"{who_may}.")
    if not approver_secret:
        raise InputError(f"Enter {approver.name}'s {_secret_word(approver)} to approve.")
    def approved(approver: User, now: dt.datetime) -> Approval:
        approval = Approval.create(at=now, action=action, user=user.id, approver=approver.id)
        journal.append("approval", {"approval_id": approval.id, "action": action,
                                    "user_id": user.id, "approver_id": approver.id},
                       user.id, at=now)
        return approval

    return _try_secret(approver, approver_secret, now, "approval", approved, derived)


def _action(action: str) -> tuple[frozenset[str], str]:
    try:
        roles, label = PERMISSIONS[action]
    except KeyError:
        raise ValueError(f"{action!r} is not an action; see pos.staff.users.PERMISSIONS") from None
    key = PAGE_ROLE_SETTINGS.get(action)
    if key is not None:
        with translate_errors():
            row = Setting.get_or_none(Setting.key == key)
        if row is not None:
            with contextlib.suppress(InputError):  # a bad row (written around `pos
                roles = parse_roles(row.value)  # settings`) keeps the default
    return roles, label


def parse_roles(text: str) -> frozenset[str]:
    """The roles a store setting lists ("cashier, supervisor"); a manager is always one of
    them, so no store can shut its managers out. Refuses a word that is not a role."""
    words = [w for w in str(text).replace(",", " ").split() if w]
    unknown = [w for w in words if w not in ROLES]
    if unknown:
        raise InputError(f"{unknown[0]!r} is not a role: list some of cashier, supervisor and "
                         "manager, separated by commas.")
    return frozenset(words) | _MANAGER


def roles_text(roles: frozenset[str]) -> str:
    """The setting's text for a set of roles, in the order of ROLES."""
    return ",".join(role for role in ROLES if role in roles)


def _try_secret(user: User, secret: str, now: dt.datetime | None, purpose: str, on_pass,
                derived: Derived | None = None):
    """`on_pass(user, now)` when the secret is right, else count the wrong try (locking at the
    fifth) and raise AccessDenied: all in one write transaction.

    The lock is read, the secret verified and the try counted (or the sign-in recorded)
    while this connection holds the store's write lock, so tries made at the same time
    (other windows, other processes) are judged one after the other, and none is judged
    against a lock that another has just set. scrypt holds the lock about 0.3 s.
    """
    with translate_errors(), database.atomic():
        now = now or utcnow()  # once the lock is ours: a lock set meanwhile counts in full
        user = User.get_by_id(user.id)  # as it is now, under the write lock
        if user.disabled:
            raise AccessDenied(f"{user.name} is disabled; ask a manager.")
        if user.locked_until is not None and now < user.locked_until:
            minutes = math.ceil((user.locked_until - now) / dt.timedelta(minutes=1))
            raise AccessDenied(f"{user.name} is locked after {MAX_FAILED} wrong tries; try "
                               f"again in {minutes} minute{'s' if minutes != 1 else ''}.")
        if _matches(user, secret, derived):
            _clear_failures(user)
            return on_pass(user, now)
        refusal = _count_failure(user, now, purpose)
    raise refusal


def _count_failure(user: User, now: dt.datetime, purpose: str) -> AccessDenied:
    """Count a wrong try in the caller's transaction; the refusal to raise after it commits."""
    tries = database.execute_sql(
        "UPDATE staff_user SET failed_attempts = failed_attempts + 1 WHERE id = ? "
        "RETURNING failed_attempts", (user.id,)).fetchone()[0]
    locked = tries >= MAX_FAILED
    if locked:
        User.update(failed_attempts=0, locked_until=now + LOCK_TIME).where(
            User.id == user.id).execute()
    journal.append("auth_failed", {"user_id": user.id, "purpose": purpose,
                                   "attempts": tries, "locked": locked}, user.id, at=now)
    word, minutes = _secret_word(user), LOCK_TIME // dt.timedelta(minutes=1)
    if locked:
        return AccessDenied(f"Wrong {word} for {user.name}. After {MAX_FAILED} wrong tries "
                            f"{user.name} is locked for {minutes} minutes.")
    left = MAX_FAILED - tries
    return AccessDenied(f"Wrong {word} for {user.name}; {left} more wrong "
                        f"{'try locks' if left == 1 else 'tries lock'} it for {minutes} "
                        "minutes.")


def _clear_failures(user: User) -> None:
    User.update(failed_attempts=0, locked_until=None).where(
        User.id == user.id, (User.failed_attempts != 0) | User.locked_until.is_null(False)
    ).execute()


def _secret_word(user: User) -> str:
    return "PIN" if user.secret_kind == "pin" else "password"


def _outside_transaction(what: str) -> None:
    if database.in_transaction():
        raise RuntimeError(f"{what}() commits on its own; call it before the change's "
                           "transaction")
