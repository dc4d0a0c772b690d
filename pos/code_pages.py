"""Which code page a receipt printer prints in: checked when the owner types one
(`pos.settings`) and used to encode each line (`pos.receipts.escpos_output`)."""

from __future__ import annotations

import codecs

from pos.errors import InputError

CHINESE = "GB18030"  # Chinese mode (FS &): two bytes a character


def codepage_for(setting: str, locale: str) -> str:
    """The code page to print in: the setting, or GB18030 for a Chinese store and CP858
    (Western European with €) for any other."""
    name = (setting or "").strip().upper()
    if not name:
        return CHINESE if (locale or "").lower().startswith("zh") else "CP858"
    if name != CHINESE:
        single_byte(name)  # refuses an unknown one
    return name


def single_byte(name: str) -> tuple[str, int]:
    """A single-byte page's Python codec and its slot (ESC t n) in the printer's table."""
    from escpos.capabilities import get_profile  # loads python-escpos only when printing

    slots = get_profile().get_code_pages()
    try:
        codec = codecs.lookup(name.replace("_", "-")).name
    except LookupError:
        codec = None
    if name not in slots or codec is None:
        raise InputError(f"The printer code page {name!r} is not known; use one like "
                         "CP437, CP858, CP1252 or GB18030.")
    return codec, int(slots[name])
