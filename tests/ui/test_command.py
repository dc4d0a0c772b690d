"""The `pos` console command: core commands without Qt, `pos screenshot` with it."""

from __future__ import annotations

import subprocess
import sys

from ui.command import cli


def test_core_commands_never_load_qt(store_path):
    code = ("import sys; from ui.command import cli; "
            f"rc = cli(['doctor', '--db', {str(store_path)!r}]); "
            "sys.exit(3 if any(m.startswith('PySide6') for m in sys.modules) else rc)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "integrity_check" in result.stdout


def test_screenshot_renders_every_main_window(store_path, tmp_path, capsys):
    assert cli(["screenshot", "--db", str(store_path), "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    assert names == ["card-de_DE.png", "card-reader-de_DE.png", "checkout-card-de_DE.png",
                     "checkout-de_DE.png", "customer-display-de_DE.png",
                     "customer-display-qr-de_DE.png", "history-de_DE.png",
                     "products-de_DE.png", "register-de_DE.png", "reports-de_DE.png",
                     "settings-de_DE.png", "wallet-code-de_DE.png", "wallet-qr-de_DE.png",
                     "wallet-waiting-de_DE.png"]
    assert all(p.stat().st_size > 10_000 for p in tmp_path.glob("*.png"))


def test_screenshot_of_a_missing_store_is_one_plain_line(tmp_path, capsys):
    assert cli(["screenshot", "--db", str(tmp_path / "none.db"), "--out", str(tmp_path)]) == 1
    assert capsys.readouterr().err.startswith("pos: There is no store")
