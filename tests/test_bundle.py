"""The store terminal's bundle (issue 15): `packaging/build.sh` (what `make dist` runs)
builds it, the tarball's own install.sh installs it into an empty home, and the
installed program runs from there with no virtualenv, no project source and no
PYTHONPATH: `pos doctor` on a fresh store, and the windows rendered offscreen.

One build (about a minute) serves every test here; it is made in a temporary folder,
never in the developer's dist/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

import pos

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """dist/ as `make dist` leaves it, built from this tree."""
    folder = tmp_path_factory.mktemp("bundle")
    dist = folder / "dist"
    subprocess.run(["bash", str(ROOT / "packaging" / "build.sh"), str(dist), str(folder / "build")],
                   env={**os.environ, "PYTHON": sys.executable}, check=True,
                   capture_output=True, text=True)
    yield dist
    shutil.rmtree(folder)  # a third of a gigabyte: not left for pytest's last three runs


@pytest.fixture
def home(built, tmp_path):
    """An empty home into which the tarball is unpacked and installed."""
    home = tmp_path / "home"
    (home / "Downloads").mkdir(parents=True)
    (tarball,) = built.glob(f"pos-{pos.__version__}-linux-*.tar.gz")
    with tarfile.open(tarball) as archive:
        archive.extractall(home / "Downloads", filter="tar")
    return home


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """What a user's session gives a program: no virtualenv, no PYTHON*, no source."""
    return {"HOME": str(home), "PATH": f"{home}/.local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8", **extra}


def run(args: list[str], home: Path, cwd: Path, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=clean_env(home, **extra), capture_output=True,
                          text=True, timeout=300)


def install(home: Path, *options: str) -> subprocess.CompletedProcess:
    unpacked = home / "Downloads" / "pos"
    done = run(["./install.sh", *options], home, unpacked)
    assert done.returncode == 0, done.stderr
    return done


def installed_files(home: Path) -> dict[str, bytes | str]:
    """Every file outside the program folder (and the download), with what it holds or
    the path it links to."""
    found = {}
    for path in sorted(home.rglob("*")):
        relative = str(path.relative_to(home))
        if relative.startswith(("Downloads", ".local/opt/pos/")) or path.is_dir():
            continue
        found[relative] = os.readlink(path) if path.is_symlink() else path.read_bytes()
    return found


def desktop_entry(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line and not line.startswith("#"))


def test_the_tarball_holds_the_program_and_what_installs_it(built):
    (tarball,) = built.glob("pos-*.tar.gz")
    with tarfile.open(tarball) as archive:
        names = set(archive.getnames())
    for name in ("pos/pos", "pos/install.sh", "pos/pos-register.desktop", "pos/pos-register.svg",
                 "pos/_internal/resources/i18n/pos_zh_CN.qm",
                 "pos/_internal/resources/fonts/wqy-microhei.ttc",
                 "pos/_internal/resources/style.qss",
                 "pos/_internal/pos/store/migrations/0001_initial.sql",
                 "pos/_internal/PySide6/Qt/plugins/platforms/libqoffscreen.so",
                 "pos/_internal/PySide6/Qt/plugins/platforms/libqxcb.so",
                 "pos/_internal/PySide6/Qt/plugins/imageformats/libqsvg.so",
                 "pos/_internal/PySide6/Qt/plugins/printsupport/libcupsprintersupport.so"):
        assert name in names
    assert any(n.startswith("pos/_internal/pos/hq/migrations/") for n in names)
    assert not any("pytest" in n or "hypothesis" in n or "localstripe" in n for n in names)


def test_installed_it_checks_a_fresh_store_and_shows_the_windows(home, tmp_path):
    install(home)
    program = home / ".local" / "opt" / "pos" / "pos"
    assert (home / ".local" / "bin" / "pos").resolve() == program
    work = tmp_path / "elsewhere"  # no project source in sight
    work.mkdir()

    version = run(["pos", "--version"], home, work)
    assert version.stdout.strip() == f"pos {pos.__version__}", version.stderr
    created = run(["pos", "init", "--db", "store.db", "--currency", "CNY", "--locale", "zh_CN"],
                  home, work)
    assert created.returncode == 0, created.stderr
    doctor = run(["pos", "doctor", "--db", "store.db"], home, work)
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert f"({program})" in doctor.stdout  # the bundle's own Python, not this one
    assert "Schema version       " in doctor.stdout and "integrity_check      ok" in doctor.stdout
    assert "Qt (PySide6)         6." in doctor.stdout

    # The windows, offscreen: the register, checkout, orders, products, reports, settings,
    # in Chinese (the bundled catalogue and font), on a small demo store.
    demo = run(["pos", "demo", "--db", "demo.db", "--products", "60", "--days", "2"], home, work)
    assert demo.returncode == 0, demo.stderr
    shots = run(["pos", "screenshot", "--db", "demo.db", "--out", "shots", "--locale", "zh_CN"],
                home, work, QT_QPA_PLATFORM="offscreen")
    assert shots.returncode == 0, shots.stderr
    register = QImage(str(work / "shots" / "register-zh_CN.png"))
    assert register.width() >= 1024 and register.height() >= 700
    assert len({register.pixel(x, y) for x in range(0, register.width(), 16)
                for y in range(0, register.height(), 16)}) > 20  # drawn, not a blank page
    assert {"checkout-zh_CN.png", "history-zh_CN.png", "settings-zh_CN.png"} <= {
        p.name for p in (work / "shots").iterdir()}
    window = run(["pos", "register", "--help"], home, work)
    assert window.returncode == 0 and window.stdout.startswith("usage: pos register"), window.stderr


def test_install_is_idempotent_starts_at_login_on_request_and_uninstalls(home):
    install(home, "--autostart")
    first = installed_files(home)
    install(home)  # again, as an upgrade would: the autostart stays
    assert installed_files(home) == first

    prefix = home / ".local" / "opt" / "pos"
    menu = home / ".local" / "share" / "applications" / "pos-register.desktop"
    entry = desktop_entry(menu)
    assert entry["Exec"] == f'"{prefix}/pos" register'
    assert entry["TryExec"] == f"{prefix}/pos" and entry["Icon"] == "pos-register"
    icons = home / ".local" / "share" / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / "pos-register.svg").read_text().startswith("<?xml")
    autostart = home / ".config" / "autostart" / "pos-register.desktop"
    assert autostart.read_text() == menu.read_text()

    install(home, "--no-autostart")
    assert not autostart.exists() and menu.exists()

    install(home, "--kiosk")  # a store terminal: full screen, only a manager quits
    install(home)  # an upgrade keeps it
    assert desktop_entry(menu)["Exec"] == f'"{prefix}/pos" register --kiosk'
    install(home, "--no-kiosk")
    assert desktop_entry(menu)["Exec"] == f'"{prefix}/pos" register'

    store = home / ".local" / "share" / "pos" / "store.db"
    created = run(["pos", "init"], home, home)
    assert created.returncode == 0 and store.exists(), created.stderr
    install(home, "--uninstall")
    install(home, "--uninstall")  # nothing left to remove is not an error
    left = installed_files(home)
    assert left and all(name.startswith(".local/share/pos/") for name in left), left.keys()
    assert not prefix.exists() and store.exists()  # the program goes, the store stays
