"""Making Chinese text render on a machine with no Chinese font.

Product names are often Chinese. When the system has no font for Simplified
Chinese, the bundled WenQuanYi Micro Hei (resources/fonts, Apache 2.0 / GPLv3
with font exception) is registered so names never show as empty boxes.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFontDatabase

FONT_FILE = Path(__file__).resolve().parent.parent / "resources" / "fonts" / "wqy-microhei.ttc"

log = logging.getLogger(__name__)


def ensure_cjk_font() -> str:
    """Register the bundled font if needed; return the family that covers Chinese."""
    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    if families:
        return families[0]
    font_id = QFontDatabase.addApplicationFont(str(FONT_FILE))
    if font_id < 0:
        log.warning("The bundled Chinese font %s could not be loaded", FONT_FILE)
        return ""
    return QFontDatabase.applicationFontFamilies(font_id)[0]
