"""A line of receipt text drawn as a picture, for characters the printer has no glyph for.

A printer's code page holds a few hundred characters; a product name may hold
any. Rather than print "?" (or nothing), such a line is drawn with the bundled
Chinese font and printed as a raster image, column for column where the
printer's own font would have put it (12 dots a column, 24 for a wide one).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from pos.text_width import char_width

FONT_FILE = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "wqy-microhei.ttc"
DOTS_PER_COLUMN = 12  # font A of an ESC/POS printer: 12 × 24 dots
LINE_DOTS = 24


@cache
def _font() -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_FILE), 22)


def line_image(text: str, columns: int) -> Image.Image:
    """`text` drawn on a white strip `columns` printer columns wide."""
    image = Image.new("L", (columns * DOTS_PER_COLUMN, LINE_DOTS), 255)
    draw = ImageDraw.Draw(image)
    x = 0
    for char in text:
        draw.text((x, LINE_DOTS - 4), char, font=_font(), fill=0, anchor="ls")
        x += char_width(char) * DOTS_PER_COLUMN
    return image
