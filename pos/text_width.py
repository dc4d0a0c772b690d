"""How many columns text takes on a receipt or in a terminal, with wcwidth: a Chinese
character takes two, a combining mark or a Hangul vowel joined to its consonant none."""

from __future__ import annotations

import re
import unicodedata

from wcwidth import wcwidth

_SPACES = re.compile(r"[\s\u00a0\u202f\u2007]")


def char_width(char: str) -> int:
    """Columns one character takes: 2 for wide (CJK), 0 for a combining mark, and 0 for a
    control character, which `clean` takes out anyway."""
    return max(wcwidth(char), 0)


def text_width(text: str) -> int:
    return sum(char_width(c) for c in text)


def clean(text: str) -> str:
    """One line of printable text: tabs, line breaks and no-break spaces become spaces,
    other control characters go."""
    text = _SPACES.sub(" ", text)
    return "".join(c for c in text if unicodedata.category(c) != "Cc")


def fit(text: str, width: int) -> str:
    """`text` cut and padded to exactly `width` columns, as a terminal draws it; a cut
    name ends with "…"."""
    text = clean(text)
    if text_width(text) > width:
        kept, used = "", 0
        for char in text:
            if used + char_width(char) > width - 1:
                break
            kept, used = kept + char, used + char_width(char)
        text = kept + "…"
    return text + " " * (width - text_width(text))
