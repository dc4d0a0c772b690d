"""Staff on a real store file: hashing, sign-in, lockout across a restart, approvals, input.

The clock is passed in (`now=`), never slept on; hashes use cheap scrypt
parameters passed explicitly, while the defaults stay strong.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import sys

import pytest
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from pos.errors import InputError, NotFound, StateError, StoreError
from pos.staff import users
from pos.store import journal
from pos.store.db import close_store, database, open_store

FAST = users.ScryptParams(n=2 ** 10, r=8, p=1)
T0 = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def team(store):
    """A manager, a supervisor and a cashier (PINs 1111, 2222, 3333)."""
    return {
        "manager": users.create_first_manager("Mona", "1111", params=FAST),
        "supervisor": users.add_user("Sam", "supervisor", "2222", params=FAST),
        "cashier": users.add_user("Cleo", "cashier", "3333", params=FAST),
    }


def journal_kinds() -> list[str]:
    return [r[0] for r in database.execute_sql("SELECT kind FROM journal_entry ORDER BY seq")]


def counts() -> tuple[int, int, int]:
    """Users, approvals and journal entries: what a refused request must leave alone."""
    return (users.User.select().count(), users.Approval.select().count(),
            journal.head()[0])


# --- hashing ----------------------------------------------------------------------------

def test_default_parameters_are_strong():
    params = users.DEFAULT_PARAMS
    assert (params.n, params.r, params.p) == (2 ** 17, 8, 1)
    assert (users.SALT_BYTES, users.HASH_BYTES) == (16, 32)


def test_pin_is_stored_as_a_salted_scrypt_hash_with_its_parameters(team):
    cleo = users.find_user("cleo")
    twin = users.add_user("Cleo Two", "cashier", "3333", params=FAST)
    assert (cleo.scrypt_n, cleo.scrypt_r, cleo.scrypt_p) == (FAST.n, FAST.r, FAST.p)
    assert cleo.secret_kind == "pin" and len(cleo.salt) == 16 and len(cleo.hash) == 32
    assert cleo.salt != twin.salt and cleo.hash != twin.hash  # same PIN, other salt
    expected = Scrypt(salt=cleo.salt, length=32, n=FAST.n, r=FAST.r, p=FAST.p).derive(b"3333")
    assert cleo.hash == expected
    assert b"3333" not in cleo.hash and "3333" not in repr(cleo)


def test_raised_parameters_apply_at_the_next_reset_and_old_hashes_keep_working(team):
    stronger = users.ScryptParams(n=2 ** 11, r=8, p=1)
    users.reset_pin("Sam", "2468", params=stronger)
    assert users.find_user("sam").scrypt_n == 2 ** 11
    assert users.authenticate("Sam", "2468", now=T0).name == "Sam"
    assert users.authenticate("Cleo", "3333", now=T0).scrypt_n == 2 ** 10


def test_a_planted_huge_cost_is_refused_not_computed(team):
    users.User.update(scrypt_n=2 ** 30).where(users.User.name == "Cleo").execute()
    with pytest.raises(StoreError, match="not usable"):
        users.authenticate("Cleo", "3333", now=T0)


# --- signing in -------------------------------------------------------------------------

def test_right_pin_signs_in_and_is_journalled(team):
    user = users.authenticate("cLEO", "3333", now=T0)
    assert user.name == "Cleo" and user.role == "cashier"
    assert users.authenticate(user.id, "3333", now=T0).id == user.id
    assert journal_kinds()[-2:] == ["sign_in", "sign_in"]


def test_wrong_pin_is_refused_and_counted(team):
    with pytest.raises(users.AccessDenied) as refused:
        users.authenticate("Cleo", "0000", now=T0)
    assert str(refused.value) == "Wrong PIN for Cleo; 4 more wrong tries lock it for 5 minutes."
    assert users.find_user("Cleo").failed_attempts == 1
    assert journal_kinds()[-1] == "auth_failed"
    users.authenticate("Cleo", "3333", now=T0)
    assert users.find_user("Cleo").failed_attempts == 0


def test_unknown_user_is_a_plain_message(team):
    with pytest.raises(NotFound, match="There is no user Zed"):
        users.authenticate("Zed", "1234")


def test_five_wrong_pins_lock_for_five_minutes_across_a_restart(team, store):
    for i in range(4):
        with pytest.raises(users.AccessDenied, match="Wrong PIN"):
            users.authenticate("Cleo", "9999", now=T0 + dt.timedelta(seconds=i))
    with pytest.raises(users.AccessDenied, match="locked for 5 minutes"):
        users.authenticate("Cleo", "9999", now=T0 + dt.timedelta(seconds=10))
    locked_at = T0 + dt.timedelta(seconds=10)
    assert users.find_user("Cleo").locked_until == locked_at + dt.timedelta(minutes=5)

    close_store()
    open_store(store)
    with pytest.raises(users.AccessDenied,
                       match=r"^Cleo is locked after 5 wrong tries; try again in 4 minutes\.$"):
        users.authenticate("Cleo", "3333", now=locked_at + dt.timedelta(seconds=61))
    with pytest.raises(users.AccessDenied, match="try again in 1 minute\\.$"):
        users.authenticate("Cleo", "3333", now=locked_at + dt.timedelta(seconds=299))
    assert users.authenticate("Cleo", "3333",
                              now=locked_at + dt.timedelta(minutes=5)).locked_until is None
    entries = [json.loads(d) for (d,) in database.execute_sql(
        "SELECT data FROM journal_entry WHERE kind = 'auth_failed' ORDER BY seq")]
    assert [e["attempts"] for e in entries] == [1, 2, 3, 4, 5]
    assert entries[-1]["locked"] is True
    assert journal.verify().ok


def test_a_lock_does_not_spill_over_to_other_users(team):
    for _ in range(5):
        with pytest.raises(users.AccessDenied):
            users.authenticate("Cleo", "9999", now=T0)
    assert users.authenticate("Sam", "2222", now=T0).name == "Sam"


def test_a_reset_lifts_the_lock(team):
    for _ in range(5):
        with pytest.raises(users.AccessDenied):
            users.authenticate("Cleo", "9999", now=T0)
    users.reset_pin("Cleo", "4444", params=FAST)
    assert users.authenticate("Cleo", "4444", now=T0).failed_attempts == 0


def test_disabled_user_cannot_sign_in_until_enabled(team):
    manager = team["manager"]
    assert users.disable_user("Cleo", by=manager).disabled
    with pytest.raises(users.AccessDenied, match="^Cleo is disabled; ask a manager.$"):
        users.authenticate("Cleo", "3333", now=T0)
    assert users.find_user("Cleo").failed_attempts == 0  # not a wrong try
    users.enable_user("Cleo", by=manager)
    assert users.authenticate("Cleo", "3333", now=T0).name == "Cleo"
    assert [k for k in journal_kinds() if k.startswith("user_")][-2:] == [
        "user_disable", "user_enable"]


def test_the_last_manager_cannot_be_disabled(team):
    with pytest.raises(StateError, match="last manager"):
        users.disable_user("Mona")
    users.add_user("Max", "manager", "5555", params=FAST)
    assert users.disable_user("Mona").disabled


def test_only_a_manager_manages_users(team):
    before = counts()
    with pytest.raises(users.AccessDenied, match=r"Sam \(supervisor\) may not manage users"):
        users.add_user("Eve", "manager", "6666", by=team["supervisor"], params=FAST)
    with pytest.raises(users.AccessDenied):
        users.reset_pin("Mona", "6666", by=team["cashier"], params=FAST)
    assert counts() == before
    assert users.add_user("Eve", "cashier", "6666", by=team["manager"], params=FAST).id


def test_password_users_sign_in_with_the_same_password_from_any_keyboard(store):
    users.create_first_manager("Zoë", password="café au lait", params=FAST)
    decomposed = "cafe\u0301 au lait"
    assert users.authenticate("ZOË", decomposed, now=T0).secret_kind == "password"
    with pytest.raises(users.AccessDenied, match="Wrong password for Zoë"):
        users.authenticate("Zoë", "cafe au lait", now=T0)


def test_sign_in_refuses_to_run_inside_a_transaction(team):
    with pytest.raises(RuntimeError, match="commits on its own"), database.atomic():
        users.authenticate("Cleo", "3333")


# --- permissions and approvals ----------------------------------------------------------

def test_permission_table():
    assert set(users.PERMISSIONS) == {
        "void", "refund", "price_override", "discount_over_threshold", "cash_in_out",
        "no_sale_drawer", "close_shift", "change_settings", "manage_users",
        "open_products", "open_reports", "open_settings", "quit_till"}
    assert set(users.PAGE_ROLE_SETTINGS) == {"open_products", "open_reports", "open_settings"}
    for action, (roles, _) in users.PERMISSIONS.items():
        assert "cashier" not in roles and "manager" in roles
        assert ("supervisor" in roles) == (action not in ("change_settings", "manage_users",
                                                        "quit_till"))


def test_a_user_with_the_right_needs_no_approval(team):
    before = counts()
    assert users.require(team["supervisor"], "refund") is None
    assert users.require(team["manager"], "change_settings") is None
    assert counts() == before


def test_a_supervisor_approves_a_cashiers_refund_on_the_spot(team):
    cleo, sam = team["cashier"], team["supervisor"]
    with pytest.raises(users.AccessDenied,
                       match="^Refunds need the approval of a supervisor or a manager.$"):
        users.require(cleo, "refund")
    approval = users.require(cleo, "refund", "sam", "2222", now=T0)
    saved = users.Approval.get_by_id(approval.id)
    assert (saved.action, saved.user.id, saved.approver.id, saved.at) == (
        "refund", cleo.id, sam.id, T0)
    entry = database.execute_sql("SELECT kind, user_id, data, at FROM journal_entry "
                                 "ORDER BY seq DESC LIMIT 1").fetchone()
    assert entry[:2] == ("approval", cleo.id)
    assert json.loads(entry[2]) == {"approval_id": approval.id, "action": "refund",
                                    "user_id": cleo.id, "approver_id": sam.id}
    assert journal.verify().ok


def test_settings_need_a_manager_even_for_a_supervisor(team):
    with pytest.raises(users.AccessDenied, match=r"^Sam \(supervisor\) may not approve "
                                                 r"changing settings; ask a manager\.$"):
        users.require(team["cashier"], "change_settings", "Sam", "2222", now=T0)
    assert users.require(team["supervisor"], "change_settings", "Mona", "1111", now=T0)


@pytest.mark.parametrize(("approver", "secret", "message"), [
    ("Cleo", "3333", r"Cleo \(cashier\) may not approve refunds"),
    ("Sam", "9999", r"Wrong PIN for Sam; 4 more wrong tries"),
    ("Sam", "", r"Enter Sam's PIN to approve"),
    ("Nobody", "2222", r"There is no user Nobody"),
])
def test_a_bad_approver_is_refused_and_nothing_is_approved(team, approver, secret, message):
    people, approvals, _ = counts()
    with pytest.raises((users.AccessDenied, InputError, NotFound), match=message):
        users.require(team["cashier"], "refund", approver, secret, now=T0)
    assert counts()[:2] == (people, approvals)
    assert "approval" not in journal_kinds()


def test_a_wrong_approver_pin_counts_towards_the_approvers_lock(team):
    for _ in range(5):
        with pytest.raises(users.AccessDenied):
            users.require(team["cashier"], "void", "Sam", "9999", now=T0)
    with pytest.raises(users.AccessDenied, match="Sam is locked .* try again in 5 minutes"):
        users.require(team["cashier"], "void", "Sam", "2222", now=T0)
    assert users.Approval.select().count() == 0
    purposes = {json.loads(d)["purpose"] for (d,) in database.execute_sql(
        "SELECT data FROM journal_entry WHERE kind = 'auth_failed'")}
    assert purposes == {"approval"}


def test_a_disabled_approver_or_user_is_refused(team):
    users.add_user("Sue", "supervisor", "7777", params=FAST)
    users.disable_user("Sue")
    with pytest.raises(users.AccessDenied, match="^Sue is disabled and cannot approve"):
        users.require(team["cashier"], "void", "Sue", "7777", now=T0)
    users.disable_user("Sam")
    with pytest.raises(users.AccessDenied, match="Sam is disabled"):
        users.require(team["supervisor"], "void")  # the row is read again, not trusted
    assert users.Approval.select().count() == 0


def test_require_refuses_inside_a_transaction_and_unknown_actions(team):
    with pytest.raises(RuntimeError, match="before the change's transaction"), \
            database.atomic():
        users.require(team["manager"], "refund")
    with pytest.raises(ValueError, match="not an action"):
        users.require(team["manager"], "launch_rocket")


# --- bad input --------------------------------------------------------------------------

@pytest.mark.parametrize(("kwargs", "message"), [
    ({"pin": "12a4"}, "^A PIN has digits only \\(0 to 9\\)\\.$"),
    ({"pin": "١٢٣٤"}, "digits only"),
    ({"pin": "123"}, "^A PIN is 4 to 8 digits long; this one has 3\\.$"),
    ({"pin": "123456789"}, "this one has 9"),
    ({"pin": " 1234"}, "digits only"),
    ({"password": "short"}, "^A password is 8 to 128 characters long\\.$"),
    ({"password": " " * 9}, "8 to 128 characters"),
    ({}, "Give a PIN or a password"),
    ({"pin": "1234", "password": "long enough"}, "Give a PIN or a password"),
    ({"pin": "1234", "role": "boss"}, "^'boss' is not a role: use cashier, supervisor or "
                                      "manager\\.$"),
    ({"pin": "1234", "name": "  "}, "^A user needs a name\\.$"),
    ({"pin": "1234", "name": "x" * 41}, "at most 40 characters"),
    ({"pin": "1234", "name": "Bad\x07Name"}, "control characters"),
    ({"pin": "1234", "name": "CLEO"}, "^There is already a user named Cleo; choose another "
                                      "name\\.$"),
    ({"pin": "1234", "name": "ｃｌｅｏ"}, "already a user named Cleo"),
])
def test_bad_input_is_a_plain_message_and_nothing_is_added(team, kwargs, message):
    before = counts()
    args = {"name": "Newbie", "role": "cashier", **kwargs}
    with pytest.raises(InputError, match=message):
        users.add_user(args.pop("name"), args.pop("role"), params=FAST, **args)
    assert counts() == before


def test_a_bad_new_pin_changes_nothing(team):
    before = users.find_user("Cleo")
    with pytest.raises(InputError, match="digits only"):
        users.reset_pin("Cleo", "abcd", params=FAST)
    assert users.find_user("Cleo").hash == before.hash


def test_first_user_is_a_manager_and_only_once(store):
    assert not users.has_users()
    with pytest.raises(InputError, match="first user must be a manager"):
        users.add_user("Cleo", "cashier", "3333", params=FAST)
    users.create_first_manager("Mona", "1111", params=FAST)
    assert users.has_users()
    with pytest.raises(StateError, match="already has users"):
        users.create_first_manager("Max", "2222", params=FAST)
    assert [u.name for u in users.list_users()] == ["Mona"]


def test_the_journal_never_holds_a_secret(team):
    users.authenticate("Cleo", "3333", now=T0)
    with pytest.raises(users.AccessDenied):
        users.authenticate("Cleo", "8642", now=T0)
    users.reset_pin("Cleo", "9753", params=FAST)
    text = " ".join(d for (d,) in database.execute_sql("SELECT data FROM journal_entry"))
    for secret in ("1111", "2222", "3333", "8642", "9753", "salt", "hash"):
        assert secret not in text
    assert journal.verify().ok


def test_list_users_in_name_order(team):
    users.disable_user("Sam")
    assert [u.name for u in users.list_users()] == ["Cleo", "Mona", "Sam"]
    assert [u.name for u in users.list_users(include_disabled=False)] == ["Cleo", "Mona"]


# --- command line ------------------------------------------------------------------

@pytest.fixture
def pos_cli(tmp_path, monkeypatch):
    from pos.cli import main
    monkeypatch.setattr(users, "DEFAULT_PARAMS", FAST)
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path / "data"))
    db = tmp_path / "cli.db"

    def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main.main([*args, "--db", str(db)])
        return code, out.getvalue(), err.getvalue()

    assert run("init")[0] == 0
    return run


def test_pos_users_commands(pos_cli):
    code, out, _ = pos_cli("users", "list")
    assert code == 0 and "No users yet" in out
    code, out, _ = pos_cli("users", "add", "Mona", "--role", "manager", stdin="1111\n")
    assert code == 0 and out == "Added Mona (manager), who signs in with a PIN.\n"
    code, out, _ = pos_cli("users", "add", "Cleo", "--role", "cashier", stdin="3333\n")
    code, out, _ = pos_cli("users", "add", "Pat", "--role", "supervisor", "--password",
                           stdin="correct horse\n")
    assert code == 0 and "with a password" in out
    code, out, _ = pos_cli("users", "disable", "cleo")
    assert code == 0 and out == "Cleo is disabled.\n"
    code, out, _ = pos_cli("users", "reset-pin", "Mona", stdin="2468\n")
    assert code == 0 and "Mona has a new PIN" in out
    code, out, _ = pos_cli("users", "list")
    lines = out.splitlines()
    assert lines[1].split() == ["Cleo", "cashier", "pin", "disabled"]
    assert lines[2].split() == ["Mona", "manager", "pin", "active"]
    assert lines[3].split() == ["Pat", "supervisor", "password", "active"]
    code, out, _ = pos_cli("journal", "verify")
    assert code == 0 and out.startswith("OK: 5 entries; head 5 ")


@pytest.mark.parametrize(("args", "stdin", "message"), [
    (("users", "add", "Mona", "--role", "manager"), "12x4\n", "A PIN has digits only"),
    (("users", "add", "Mona", "--role", "manager"), "", "No PIN was given"),
    (("users", "add", "Cleo", "--role", "cashier"), "3333\n", "first user must be a manager"),
    (("users", "disable", "Zed"), "", "There is no user Zed"),
    (("users", "reset-pin", "Zed"), "1234\n", "There is no user Zed"),
])
def test_pos_users_errors_are_one_plain_line(pos_cli, args, stdin, message):
    code, out, err = pos_cli(*args, stdin=stdin)
    assert code == 1 and out == ""
    assert err.startswith("pos: ") and message in err and err.count("\n") == 1


def test_a_pin_is_never_a_command_line_argument(pos_cli):
    with pytest.raises(SystemExit):
        pos_cli("users", "add", "Mona", "--role", "manager", "--pin", "1111")


# --- the back-office pages: the store lists the roles ------------------------------------

def test_back_office_pages_are_for_supervisors_and_managers_by_default(team):
    """Issue 11: a cashier could open Settings and Reports. The rule is here; the window
    only follows `users.may`."""
    for page in ("open_products", "open_reports", "open_settings"):
        assert not users.may(team["cashier"], page)
        assert users.may(team["supervisor"], page) and users.may(team["manager"], page)
    with pytest.raises(users.AccessDenied,
                       match="Reports need the approval of a supervisor or a manager"):
        users.require(team["cashier"], "open_reports")


def test_the_store_chooses_who_opens_each_page_and_a_manager_always_may(team):
    from pos.settings import load_settings, save_settings

    save_settings(reports_roles="cashier, supervisor", settings_roles="manager",
                  products_roles="")
    assert users.may(team["cashier"], "open_reports")
    assert not users.may(team["supervisor"], "open_settings")
    assert users.may(team["manager"], "open_settings")
    assert not users.may(team["supervisor"], "open_products")
    assert users.may(team["manager"], "open_products")  # an empty list keeps the managers
    assert load_settings().reports_roles == "cashier, supervisor"
    with pytest.raises(InputError, match="'owner' is not a role"):
        save_settings(reports_roles="owner")
    assert users.may(team["cashier"], "open_reports")  # the refused change left it alone
    disabled = users.disable_user(team["cashier"])
    assert not users.may(disabled, "open_reports")


def test_concurrent_pin_tries_are_judged_one_at_a_time_and_never_past_the_lock(store):
    """Issue 12, finding 6: the lock was read before the slow scrypt step and not again;
    eight tries at once were all evaluated, and the right PIN signed in after the lock was
    set, clearing it. Each try here runs on its own thread and connection."""
    import threading

    from pos.store.db import database

    users.create_first_manager("Mo", pin="9999", params=FAST)
    clerk = users.add_user("Ann", "cashier", pin="1234", params=FAST)
    evaluated = []
    real = users._matches

    def counting(user, secret, derived=None):
        evaluated.append(secret)
        return real(user, secret, derived)

    users._matches = counting
    outcomes = []
    start = threading.Barrier(9)

    def attempt(pin: str) -> None:
        database.connect(reuse_if_open=True)
        try:
            start.wait()
            users.authenticate("Ann", pin)
            outcomes.append("in")
        except users.AccessDenied as exc:
            outcomes.append(str(exc))
        finally:
            database.close()

    try:
        threads = [threading.Thread(target=attempt, args=(pin,))
                   for pin in ["0000"] * 7 + ["1234"]]
        for thread in threads:
            thread.start()
        start.wait()
        for thread in threads:
            thread.join(30)
    finally:
        users._matches = real
    assert len(outcomes) == 8
    # Replay the tries in the order they were judged: none was judged while locked.
    failures = 0
    for pin in evaluated:
        assert failures < users.MAX_FAILED, evaluated
        failures = 0 if pin == "1234" else failures + 1
    refused_unheard = [o for o in outcomes if o.startswith("Ann is locked after")]
    assert len(refused_unheard) == 8 - len(evaluated)
    assert all("in 5 minutes" in o for o in refused_unheard)
    assert ("in" in outcomes) == ("1234" in evaluated)
    assert (users.find_user(clerk.id).locked_until is not None) == (
        failures >= users.MAX_FAILED)


def test_the_slow_step_can_run_ahead_and_the_check_stays_in_the_transaction(team):
    """Issue 12, finding 6: scrypt ran on the GUI thread. `derive` has no store access (a
    worker runs it); the lock and the count still happen in `authenticate`'s transaction."""
    cashier = team["cashier"]
    right, wrong = users.derive(cashier, "3333"), users.derive(cashier, "0000")
    assert users.authenticate("Cleo", "3333", derived=right).name == "Cleo"
    with pytest.raises(users.AccessDenied, match="Wrong PIN"):
        users.authenticate("Cleo", "0000", derived=wrong)
    assert users.find_user("Cleo").failed_attempts == 1
    # a derivation made before the PIN was reset is not trusted: the check runs again
    users.reset_pin("Cleo", "2468", params=FAST, by=team["manager"])
    with pytest.raises(users.AccessDenied):
        users.authenticate("Cleo", "3333", derived=right)
    assert users.authenticate("Cleo", "2468", derived=right).name == "Cleo"
