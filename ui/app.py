"""The QApplication: its names, and the look loaded from `resources/style.qss`."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from ui.fonts import ensure_cjk_font

APP_NAME = "POS"
ORGANIZATION_NAME = "POS"
ORGANIZATION_DOMAIN = "pos.local"

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"
STYLE_SHEET = RESOURCES_DIR / "style.qss"
ICON = RESOURCES_DIR / "icons" / "pos-register.svg"
DESKTOP_FILE_NAME = "pos-register"  # packaging/pos-register.desktop: the launcher's icon and name

log = logging.getLogger(__name__)


def create_app(argv: list[str] | None = None) -> QApplication:
    """Return the application, creating it if needed (tests already have one), styled."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION_NAME)
    app.setOrganizationDomain(ORGANIZATION_DOMAIN)
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    app.setWindowIcon(QIcon(str(ICON)))
    apply_style(app)
    ensure_cjk_font()
    return app


def apply_style(app: QApplication, path: Path = STYLE_SHEET) -> bool:
    """Load the application's style sheet; a missing or unreadable one is not fatal."""
    text = _read_sheet(path)
    if text is not None:
        app.setStyleSheet(text)
    return text is not None


def load_page_style(widget: QWidget, name: str) -> bool:
    """Give a page (and the dialogs it parents) its own sheet, `resources/<name>.qss`, so
    one page's rules never leak into another's."""
    text = _read_sheet(RESOURCES_DIR / f"{name}.qss")
    if text is not None:
        widget.setStyleSheet(text)
    return text is not None


def _read_sheet(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:  # the program works unstyled
        log.warning("The style sheet %s could not be read: %s", path, exc)
        return None
