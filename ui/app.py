"""The QApplication: its names, and the look loaded from `resources/style.qss`."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from ui.fonts import ensure_cjk_font

APP_NAME = "POS"
ORGANIZATION_NAME = "POS"
ORGANIZATION_DOMAIN = "pos.local"

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"
STYLE_SHEET = RESOURCES_DIR / "style.qss"

log = logging.getLogger(__name__)


def create_app(argv: list[str] | None = None) -> QApplication:
    """Return the application, creating it if needed (tests already have one), styled."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION_NAME)
    app.setOrganizationDomain(ORGANIZATION_DOMAIN)
    apply_style(app)
    ensure_cjk_font()
    return app


def apply_style(app: QApplication, folder: Path = RESOURCES_DIR) -> bool:
    """Load `style.qss` then each page's own sheet (`register.qss`, ...) from `folder`.

    A missing or unreadable sheet is logged and skipped: the program still runs.
    """
    paths = sorted(folder.glob("*.qss"), key=lambda p: (p.name != STYLE_SHEET.name, p.name))
    parts = []
    for path in paths:
        try:
            parts.append(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            log.warning("The style sheet %s could not be read: %s", path, exc)
    app.setStyleSheet("\n".join(parts))
    return bool(parts)
