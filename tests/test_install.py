"""What the README and the Makefile tell a new user to run (issue 11, finding 14): the
Debian line installs what Qt's window needs, `make run` installs no test tools, and the
language example reaches the store `make run` opened."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")

# The X11 libraries Qt's xcb platform plugin loads, by the Debian/Ubuntu package that has
# them. BASE ones come with the packages the README names (apt installs dependencies).
XCB_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1", "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0", "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0", "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0", "libxkbcommon.so.0": "libxkbcommon0",
}
BASE = {"libxcb.so.1", "libxcb-render.so.0", "libxcb-shm.so.0", "libxcb-util.so.1",
        "libxcb-sync.so.1", "libxcb-xfixes.so.0", "libX11-xcb.so.1"}


def apt_line() -> str:
    start = README.index("sudo apt-get install ")
    command = re.split(r"(?<!\\)\n", README[start:], maxsplit=1)[0]  # up to an unescaped end
    return command.removeprefix("sudo apt-get install ").replace("\\\n", " ")


def test_the_debian_line_installs_what_the_qt_window_loads():
    packages = apt_line().split()
    assert {"libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1"} <= set(packages)
    assert set(XCB_PACKAGES.values()) <= set(packages)


def test_the_table_knows_every_x11_library_the_xcb_plugin_loads():
    """A Qt upgrade that loads one more X11 library fails here until the README has it."""
    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.exists() or shutil.which("ldd") is None:
        pytest.skip("no xcb plugin or no ldd here (not Linux)")
    out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True).stdout
    libraries = {line.split()[0] for line in out.splitlines() if line.strip()}
    x11 = {name for name in libraries if name.startswith(("libxcb", "libxkb", "libX11-xcb"))}
    assert x11, out
    assert x11 - set(XCB_PACKAGES) - BASE == set()


def make_dry_run(target: str) -> str:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    # -B: as on a fresh machine (every step runs), -n: print the steps, run none
    return subprocess.run(["make", "-n", "-B", target], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout


def test_make_run_installs_the_program_without_the_test_tools():
    steps = make_dry_run("run")
    installs = [line for line in steps.splitlines() if "pip install" in line and "-e" in line]
    assert installs == [".venv/bin/python -m pip install --quiet -e ."]
    assert "[test]" not in steps and "pytest" not in steps


def test_make_test_installs_the_test_tools():
    steps = make_dry_run("test")
    assert ".venv/bin/python -m pip install --quiet -e '.[test,dist]'" in steps
    assert "pytest" in steps and "ruff check" in steps


def test_the_language_example_names_the_store_make_run_opened():
    examples = [line for line in README.splitlines()
                if "pos settings locale=zh_CN" in line and not line.startswith("|")]
    assert examples
    first = examples[0]
    assert "--db" in first and "demo.db" in first and ".venv/bin/pos" in first
