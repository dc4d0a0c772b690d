"""Choosing the program's language from the store's locale.

Our strings come from `resources/i18n/pos_<lang>.qm` (compiled from the `.ts`
sources beside them with pyside6-lrelease); Qt's own (standard buttons,
dialogs) from the `qtbase` catalogues that ship with PySide6. English needs
no catalogue: it is the source language.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"
LANGUAGES = {"zh": "zh_CN"}  # language → catalogue we ship

log = logging.getLogger(__name__)
_installed: list[QTranslator] = []


def catalogue_for(locale: str) -> str | None:
    """The catalogue suffix for a store locale ('zh_CN' and 'zh_Hans_CN' → 'zh_CN')."""
    language = (locale or "en").replace("-", "_").split("_")[0].lower()
    return LANGUAGES.get(language)


def install_translations(locale: str) -> str | None:
    """Load the catalogues for `locale`, replacing any loaded before; return the one used."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(locale))
    suffix = catalogue_for(locale)
    if suffix is None:
        return None
    ours = QTranslator(app)
    if not ours.load(str(I18N_DIR / f"pos_{suffix}.qm")):
        log.warning("No translation catalogue for %s in %s", suffix, I18N_DIR)
        return None
    qt = QTranslator(app)
    if qt.load(f"qtbase_{suffix}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    app.installTranslator(ours)
    _installed.append(ours)
    return suffix
