"""Sensible starting settings for a new store by currency: locale, tax mode, tax classes.

Rates are parts per million. These are starting points that `pos init` and the
demo use; the store changes them in its settings.
"""

from __future__ import annotations

from dataclasses import dataclass

from pos.money import check_currency


@dataclass(frozen=True)
class Preset:
    currency: str
    locale: str
    tax_mode: str
    tax_classes: tuple[tuple[str, str, int], ...]


def _classes(standard: int, reduced: int) -> tuple[tuple[str, str, int], ...]:
    return (("standard", "Standard rate", standard), ("reduced", "Reduced rate", reduced),
            ("zero", "Zero rate", 0))


PRESETS = {
    "USD": Preset("USD", "en_US", "exclusive", _classes(88_750, 40_000)),
    "CNY": Preset("CNY", "zh_CN", "inclusive", _classes(130_000, 90_000)),
    "EUR": Preset("EUR", "de_DE", "inclusive", _classes(190_000, 70_000)),
    "GBP": Preset("GBP", "en_GB", "inclusive", _classes(200_000, 50_000)),
    "CHF": Preset("CHF", "de_CH", "inclusive", _classes(81_000, 26_000)),
    "JPY": Preset("JPY", "ja_JP", "inclusive", _classes(100_000, 80_000)),
}


# The tax classes' names in a Chinese store (the names are shown in the windows and the
# reports, which follow the store's language; pos has no Qt translations).
CHINESE_TAX_CLASS_NAMES = {"standard": "标准税率", "reduced": "低税率", "zero": "零税率"}


def tax_classes_for(preset: Preset, locale: str | None = None) -> list[tuple[str, str, int]]:
    """The preset's tax classes as (code, name, rate), named in `locale`'s language (the
    preset's own locale when None): Chinese for a zh_* store, English otherwise."""
    language = (locale or preset.locale).replace("-", "_").split("_")[0].lower()
    if language != "zh":
        return list(preset.tax_classes)
    return [(code, CHINESE_TAX_CLASS_NAMES.get(code, name), rate)
            for code, name, rate in preset.tax_classes]


def preset_for(currency: str) -> Preset:
    code = check_currency(currency)
    return PRESETS.get(code) or Preset(code, "en_US", "inclusive", _classes(200_000, 100_000))
