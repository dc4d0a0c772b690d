"""Folding names into search keys, so that 'Crème brûlée' is found by 'creme'.

The key is NFKD-decomposed, stripped of accents, case-folded and has its
white space collapsed. Every CJK character stands apart with a space on each
side, so a two-character Chinese query ('牛奶' → '牛 奶') is three characters
long and the trigram index can answer it.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def _is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x3400 <= cp <= 0x9FFF  # CJK unified ideographs and extension A
        or 0xF900 <= cp <= 0xFAFF  # compatibility ideographs
        or 0x20000 <= cp <= 0x3134F  # extensions B to G
        or 0x3040 <= cp <= 0x30FF  # kana
        or 0xAC00 <= cp <= 0xD7AF  # hangul syllables
    )


def fold(text: str) -> str:
    """The search key of `text` (see the module docstring)."""
    if text.isascii():  # the common case, ten times faster
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    out = []
    for ch in decomposed:
        if unicodedata.combining(ch):
            continue
        if _is_cjk(ch):
            out.append(f" {ch} ")
        else:
            out.append(ch)
    return _SPACES.sub(" ", "".join(out).casefold()).strip()
