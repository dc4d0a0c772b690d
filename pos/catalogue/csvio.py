"""CSV import and export of products and customers.

A CSV file comes from a spreadsheet, a supplier or another till, so every row
is checked before anything is written: one wrong price must not leave half a
catalogue imported. Either the whole file goes in, in one transaction, or
nothing does and every bad line is listed with its reason (or, when asked,
the good rows go in and the bad ones are written beside the file to be fixed).

The file format is fixed and locale-independent (a '.' decimal point, no
currency symbol), see docs/CSV.md. Text encodings are read carefully: a file
imported as mojibake would put wrong names on every shelf label, so an
encoding that cannot be told for sure is refused with a request to name it.

A product import is also offered as separate steps for a window, which must
not freeze and whose database connection belongs to its GUI thread: a pure
`plan_products_import` (file reading and row checks, no database, fit for a
worker thread), a read-only `check_products_against_store` for a preview,
and `apply_products_import_steps`, a generator that writes in one
transaction a batch at a time so an event loop can run between batches.
`import_products` is those steps in a row. Export has `export_products_steps`
likewise.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import io
import os
import re
import unicodedata
import uuid as uuidlib
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import MappingProxyType

from pos.barcodes import normalize_code
from pos.card_data import find_card_number
from pos.catalogue.customers import CustomerInput, phone_digits
from pos.catalogue.products import ProductInput
from pos.catalogue.textkey import fold
from pos.errors import InputError, StoreError
from pos.money import Money, exponent
from pos.settings import load_settings
from pos.store.db import database, translate_errors
from pos.store.models import Category, Customer, Product, TaxClass, to_micros, utcnow

PRODUCT_COLUMNS = ("sku", "name", "price", "tax_class", "category", "unit", "barcodes",
                   "active", "stock")
PRODUCT_REQUIRED = ("sku", "name", "price", "tax_class")
CUSTOMER_COLUMNS = ("name", "phone", "email", "address")
CUSTOMER_REQUIRED = ("name",)
REASON_COLUMN = "reason"
"""Added by the rejects file and ignored on import, so a fixed rejects file imports as is."""

BATCH = 500
"""Rows per batch: an IN list of 500 stays far below SQLite's variable limit (999 before
3.32), and progress is reported once a batch."""

MAX_LISTED = 50
"""Bad lines listed in a refusal; a file with 10,000 bad rows needs the first few, not all."""

MAX_VALUE = 10_000
"""Characters in any one value of a file. No column holds nearly as much (the longest, an
address, is 500), so a longer value is a wrong file or a misplaced quote, refused whole."""
MAX_CATEGORY = 100
"""Characters of a category name: it is a button and a report heading, not a description."""

NUMBER_COLUMNS = frozenset({"price", "stock"})
"""Columns that hold numbers; every other column is text. A number is written as it is
("-3" is minus three), a text cell that a spreadsheet would run as a formula is not."""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV
injection"): a text cell starting with one, after any apostrophes, is written with one
more apostrophe in front, which import takes off again."""

_TRUE = {"1", "true", "yes"}
_FALSE = {"0", "false", "no"}
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_WHOLE = re.compile(r"[+-]?[0-9]+")


@dataclass(frozen=True)
class RowError:
    """One bad row: its physical line in the file (header = 1) and why it is bad."""

    line: int
    reason: str


class CsvRejected(InputError):
    """The file has bad rows, so nothing was imported; `errors` lists every one."""

    def __init__(self, errors: list[RowError]):
        self.errors = list(errors)
        super().__init__(_summary(self.errors))


def neutralise(text: str) -> str:
    """A text value as written to a CSV file that a spreadsheet may open: with a leading
    apostrophe if the spreadsheet would otherwise run it as a formula ("=HYPERLINK(...)",
    "+1+1", "-2+3", "@SUM(...)", or the same after a tab or carriage return). Text that
    already starts with apostrophes before such a character gets one more, so `restore`
    gives back exactly what went in, for any text."""
    if text.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + text
    return text


def restore(text: str) -> str:
    """The text value of a cell `neutralise` wrote: one leading apostrophe taken off when
    a formula character follows it (after any further apostrophes); any other text is
    read as it is ("'Twas" keeps its apostrophe)."""
    if text.startswith("'") and text[1:].lstrip("'").startswith(FORMULA_STARTS):
        return text[1:]
    return text


def _shown(text: str, limit: int = 40) -> str:
    """A cell quoted in a reason: `repr`, cut to `limit` characters so that a reason about
    a 10,000-character value stays one line."""
    return repr(text) if len(text) <= limit else repr(text[:limit]) + "..."


def _summary(errors: list[RowError]) -> str:
    count = len(errors)
    head = ("1 row is wrong" if count == 1 else f"{count:,} rows are wrong")
    lines = [f"{head}; nothing was imported:"]
    lines += [f"  line {e.line}: {e.reason}" for e in errors[:MAX_LISTED]]
    if count > MAX_LISTED:
        lines.append(f"  ... and {count - MAX_LISTED:,} more.")
    lines.append("Fix these rows and import the file again, or skip the bad rows "
                 "(--skip-bad) to import the others.")
    return "\n".join(lines)


@dataclass
class ImportReport:
    """What an import did: rows created and updated, rows skipped and where they went."""

    created: int
    updated: int
    rejected: list[RowError]
    rejects_path: Path | None
    encoding: str


# --- reading text ------------------------------------------------------------

# Codec families charset_normalizer may name, mapped to the codecs we decode
# with: the Windows code pages Excel writes, each a superset of its standard.
_FAMILIES = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030",
    "big5": "cp950", "big5hkscs": "cp950", "cp950": "cp950",
    "shift_jis": "cp932", "cp932": "cp932", "shift_jis_2004": "cp932",
    "shift_jisx0213": "cp932",
    "euc_jp": "euc_jp", "euc_jis_2004": "euc_jp", "euc_jisx0213": "euc_jp",
    "euc_kr": "cp949", "cp949": "cp949",
    "cp1252": "cp1252", "latin_1": "cp1252", "iso8859_15": "cp1252",
}
_CJK_CODECS = {"gb18030", "cp950", "cp932", "euc_jp", "cp949"}
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030"}

# The "ANSI" code page Excel uses for a plain CSV on a Windows set to the
# store's language: the strongest hint there is for a file's encoding.
_LOCALE_CODECS = {
    "zh_hans": ("gb18030",), "zh_hant": ("cp950",), "ja": ("cp932",), "ko": ("cp949",),
}
_WESTERN_LANGUAGES = {"en", "fr", "de", "es", "it", "pt", "nl", "da", "sv", "nb", "nn", "no",
                      "fi", "is", "ga", "ca", "eu", "gl", "af", "id", "ms", "sw", "lb", "fo"}
_WESTERN_SIGNS = set("€‚„…‘’“”•–—™«»°£¢§©®¿¡·×²³½¼¾µ\u00a0")
_HIGH = re.compile(r"[^\x00-\x7f]+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def read_text(path: Path, encoding: str | None = None, *,
              locale: str | None = None) -> tuple[str, str]:
    """The text of a CSV file and the codec it was read with.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are read as they are.
    Anything else is a legacy code page, where the same bytes are valid GBK,
    Big5, EUC-KR and Windows-1252 at once, and charset_normalizer alone guesses
    wrong on short files (it reads a GBK list of Chinese names as Korean). So a
    guess is taken only when charset_normalizer and `locale` (the store's,
    which says what Excel on its Windows writes) agree and the decoded text
    looks like text in that script; otherwise the file is refused and the
    person is asked to name the encoding. A named `encoding` is used as given
    (GBK and GB2312 as their superset GB18030).
    """
    path = Path(path)
    data = _read_bytes(path)
    if encoding:
        return _decode_named(path, data, encoding)
    if data.startswith(codecs.BOM_UTF8):
        return _decode_named(path, data, "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_named(path, data, "utf-16")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    guessed = _guess_legacy(data, locale)
    if guessed is None:
        raise EncodingNotRecognised(path)
    if guessed[1] == "cp1252":
        _refuse_mixed(path, data)
    return guessed


class MixedEncodings(InputError):
    """A file whose lines are not all in one encoding: some UTF-8, some not."""


# A UTF-8 sequence of two to four bytes. Read as Windows-1252 it gives "Ã©" for "é"
# and "â€™" for "’"; a real Windows-1252 text has such a pair of bytes only by chance.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                            rb"|[\xf0-\xf4][\x80-\xbf]{3}")


def _refuse_mixed(path: Path, data: bytes) -> None:
    """Refuse a file that is not UTF-8 as a whole but has UTF-8 letters or punctuation in
    it: a spreadsheet's lines pasted into an older file, say. Read in either encoding,
    some names would be garbled, so neither is guessed."""
    bad_at = None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    if bad_at is None:
        return
    for match in _UTF8_SEQUENCE.finditer(data):
        char = match.group().decode("utf-8", "replace")
        # Latin letters and signs, general punctuation, the euro: what Western text has;
        # a stray pair of Windows-1252 bytes ("É»") decodes to something else.
        if "\u00a0" <= char <= "\u024f" or "\u2000" <= char <= "\u20cf":
            utf8_line = data[: match.start()].count(b"\n") + 1
            other_line = data[:bad_at].count(b"\n") + 1
            raise MixedEncodings(
                f"{path} mixes two text encodings: line {utf8_line} is UTF-8 but line "
                f"{other_line} is not (it looks like Windows-1252 or Latin-1), so some names "
                "would be garbled whichever way it is read. Save the whole file as "
                "'CSV UTF-8' and import it again."
            )


class EncodingNotRecognised(InputError):
    """A file that is not UTF-8 and whose legacy encoding cannot be told for sure.

    The message is for the command line; a window catches this class to ask for
    the encoding its own way.
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        super().__init__(
            f"{path} is not UTF-8 and its encoding could not be recognised. Save it as "
            "'CSV UTF-8' or name the encoding with --encoding (for example gbk)."
        )


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"There is no file {path}.") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder; choose a CSV file.") from None
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror or exc}.") from None


def _decode_named(path: Path, data: bytes, encoding: str) -> tuple[str, str]:
    try:
        codec = codecs.lookup(encoding.strip()).name
    except LookupError:
        raise InputError(
            f"{encoding!r} is not an encoding this program knows; use a name like utf-8, "
            "gbk, big5, shift_jis or cp1252."
        ) from None
    codec = _SUPERSETS.get(codec, codec)
    if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
        codec = "utf-8-sig"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{path} is not in {codec}: line {line} has bytes that are not {codec} text. "
            "Check the encoding the file was saved with."
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, codec


def _guess_legacy(data: bytes, locale: str | None) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes  # slow to import; only legacy files need it

    chaos: dict[str, float] = {}  # family -> charset_normalizer's mess ratio, lower is better
    single = 1.0  # the least mess of a single-byte code page outside our families
    matches = list(from_bytes(data))
    best = _FAMILIES.get(matches[0].encoding) if matches else None
    for match in matches:
        families = {_FAMILIES.get(n) for n in [match.encoding, *match.could_be_from_charset]}
        for family in families - {None}:
            chaos[family] = min(chaos.get(family, 1.0), match.chaos)
        if families == {None} and len(str(match)) == len(data):
            single = min(single, match.chaos)
    expected = _locale_codecs(locale)
    tries = []
    if "cp1252" in expected or best == "cp1252":
        tries.append("cp1252")
    # A CJK code page only when the store's locale expects it and charset_normalizer
    # finds no other reading less messy: EUC-KR, GB2312 and Big5 bytes are valid in
    # each other's code pages, Polish in Windows-1250 can be valid Big5, and only
    # the language tells them apart.
    rivals = {c: chaos[c] for c in chaos if c in _CJK_CODECS}
    for codec in expected:
        if codec in rivals and rivals[codec] <= min(rivals.values()) and rivals[codec] < single:
            tries.append(codec)
    for codec in tries:
        text = _plausible(data, codec)
        if text is None:
            continue
        if codec in _CJK_CODECS and any(
                _plausible(data, other) not in (None, text) for other, mess in rivals.items()
                if other != codec and mess <= rivals[codec]):
            return None  # another code page reads as well: a coin toss, so refuse
        return text.removeprefix("\ufeff"), codec
    return None


def _plausible(data: bytes, codec: str) -> str | None:
    """The text of `data` in `codec` if it decodes cleanly and looks like real text."""
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    if "\ufffd" in text:
        return None
    ok = _looks_western(text) if codec == "cp1252" else _looks_cjk(text, codec)
    return text if ok else None


def _locale_codecs(locale: str | None) -> tuple[str, ...]:
    if not locale:
        return ()
    parts = re.split(r"[_\-@.]", locale.lower())
    language = parts[0]
    if language == "zh":
        rest = set(parts[1:])
        hant = bool(rest & {"hant", "tw", "hk", "mo"})
        return _LOCALE_CODECS["zh_hant" if hant else "zh_hans"]
    if language in _WESTERN_LANGUAGES:
        return ("cp1252",)
    return _LOCALE_CODECS.get(language, ())


def _looks_western(text: str) -> bool:
    """Accented letters sit inside words one or two at a time and signs stand
    between words; a double-byte file read as Windows-1252 gives runs of symbols
    and capitals standing alone, and a Central European one gives signs inside
    words ("wie¿e" for "wieże", "£ódŸ" for "Łódź")."""
    runs = list(_HIGH.finditer(text))
    pairs = 0
    for run in runs:
        chars = run.group()
        if len(chars) > 3:
            return False
        for i, ch in enumerate(chars, start=run.start()):
            if _is_latin_letter(ch):
                continue
            if ch not in _WESTERN_SIGNS:
                return False
            before, after = text[i - 1: i], text[i + 1: i + 2]
            if ch in "£€¢”" and after.isalpha():
                return False  # a currency sign or a closing quote right before a word
            if ch in "‚„‘“" and before.isalnum():
                return False  # an opening quote right after a word
            if ch not in "’·" and before.isalpha() and after.isalpha():
                return False  # a sign inside a word
        if len(chars) > 1:
            pairs += 1
            before = text[run.start() - 1: run.start()]
            after = text[run.end(): run.end() + 1]
            if not (_ASCII_LETTER.match(before) or _ASCII_LETTER.match(after)):
                return False
    return pairs <= max(2, len(runs) // 2)


def _is_latin_letter(ch: str) -> bool:
    # ƒ is the florin sign in practice, and Shift_JIS katakana bytes in Windows-1252
    return ch != "ƒ" and unicodedata.name(ch, "").startswith("LATIN ")


# Lead bytes of the frequently used ideographs of each code page (GB2312 level 1,
# Big5 "frequent", JIS level 1): real product names use them nearly only, while
# bytes of another code page read this way land all over the table.
_COMMON_LEADS = {"gb18030": ("gb2312", 0xB0, 0xD7), "cp950": ("cp950", 0xA4, 0xC6),
                 "cp932": ("cp932", 0x88, 0x98)}


def _looks_cjk(text: str, codec: str) -> bool:
    """CJK text is ideographs, kana or hangul with their punctuation, mostly common
    ones; a Western file read as CJK gives ideographs wedged inside Latin words, a
    Chinese one read as Korean gives hangul mixed with hanja, and a Japanese one
    read as Korean gives syllables outside KS X 1001, which Korean text keeps to."""
    runs = list(_HIGH.finditer(text))
    if not runs:
        return True
    touching = counted = common = 0
    for run in runs:
        for ch in run.group():
            category = unicodedata.category(ch)
            if category[0] not in "LPSNZ" or category == "Co":
                return False
            if "\uff61" <= ch <= "\uff9f":
                return False  # half-width katakana: what GB or EUC bytes give in Shift_JIS
            if codec == "gb18030":
                try:
                    ch.encode("gbk")
                except UnicodeEncodeError:
                    return False  # four-byte GB18030: not what a spreadsheet writes
            if codec == "cp949" and _is_han(ch):
                return False  # names in Korean are hangul; hanja here are Chinese bytes
            verdict = _is_common(ch, codec)
            if verdict is not None:
                counted += 1
                common += verdict
        before = text[run.start() - 1: run.start()]
        after = text[run.end(): run.end() + 1]
        if _ASCII_LETTER.match(before) or _ASCII_LETTER.match(after):
            touching += 1
    if common < 0.9 * counted:
        return False
    # A lone high byte of a single-byte file pairs with the letter after it,
    # so its ideograph sits against the rest of a Latin word ("Cr鋗e").
    return touching * 4 <= len(runs)


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _is_common(ch: str, codec: str) -> bool | None:
    """Whether `ch` is a common letter of `codec`'s language, or None if it says nothing."""
    if codec == "cp949":
        if not "\uac00" <= ch <= "\ud7af":
            return None
        try:
            return ch.encode("euc_kr")[0] >= 0xB0  # one of KS X 1001's 2,350 syllables
        except UnicodeEncodeError:
            return False
    if not _is_han(ch) or codec not in _COMMON_LEADS:
        return None
    charset, low, high = _COMMON_LEADS[codec]
    try:
        lead = ch.encode(charset)[0]
    except UnicodeEncodeError:
        return False
    return low <= lead <= high


# --- parsing -------------------------------------------------------------------


@dataclass
class _Table:
    header: list[str]  # as written in the file
    columns: dict[str, int]  # known column name -> index
    rows: list[tuple[int, list[str]]]  # (first physical line, fields)


def _parse(path: Path, text: str, known: Sequence[str], required: Sequence[str]) -> _Table:
    """Split the text into header and rows, refusing a file whose structure is broken."""
    if "\x00" in text:
        raise InputError(
            f"{path} contains NUL characters: it is probably UTF-16 without a byte order "
            "mark. Save it as 'CSV UTF-8' or name the encoding (for example utf-16-le)."
        )
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    header_line = 1
    rows: list[tuple[int, list[str]]] = []
    last = 0
    try:
        for fields in reader:
            start, last = last + 1, reader.line_num
            if not any(f.strip() for f in fields):
                continue  # blank line, or a spreadsheet's row of empty cells
            if max(map(len, fields)) > MAX_VALUE:
                raise InputError(_overlong(path, start, fields, header))
            if header is None:
                header, header_line = fields, start
            else:
                rows.append((start, fields))
    except csv.Error as exc:
        raise InputError(_broken_row(path, text, last + 1, reader.line_num, str(exc))) from None
    columns_text = ",".join(known)
    if header is None:
        raise InputError(f"{path} is empty; its first line must name the columns: "
                         f"{columns_text}.")
    if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
        sign = "';'" if ";" in header[0] else "tabs"
        raise InputError(
            f"{path} has {sign} between its values; this program reads values separated "
            "by commas. In Excel, save it as 'CSV UTF-8 (Comma delimited)'."
        )
    columns: dict[str, int] = {}
    unknown = []
    for index, raw in enumerate(header):
        name = raw.strip().lower().lstrip("\ufeff")
        if name in columns:
            raise InputError(f"{path} line {header_line}: the column {name!r} appears twice.")
        if name in known or name == REASON_COLUMN:
            columns[name] = index
        elif name:
            unknown.append(raw.strip())
        else:
            unknown.append(f"(column {index + 1} has no name)")
    if unknown:
        if len(unknown) > 10:
            unknown[10:] = [f"and {len(unknown) - 10:,} more"]
        raise InputError(
            f"{path} has columns this program does not know: {', '.join(unknown)}. "
            f"The columns are {columns_text}; fix the header so no data is dropped."
        )
    missing = [name for name in required if name not in columns]
    if missing:
        raise InputError(
            f"{path} is missing the column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)}. Its first line must name the columns: {columns_text}."
        )
    return _Table(header, columns, rows)


_QUOTED = re.compile(r'"[^"]*(?:""[^"]*)*"')
_UNQUOTED = re.compile(r'[^,\r\n]*')


def _line_offset(text: str, line: int) -> int:
    """Where physical line `line` (1-based, as the csv reader counts) starts in `text`."""
    offset = 0
    for _, physical in zip(range(line - 1), io.StringIO(text, newline=""), strict=False):
        offset += len(physical)
    return offset


def _broken_row(path: Path, text: str, start: int, line: int, error: str) -> str:
    """The true reason the csv reader stopped on the row that starts on line `start`
    (it was on line `line`): a value too long, a quote never closed, or text after a
    closing quote. The reader's own "field larger than field limit" comes both from a
    long value and from a missing quote that runs on to the end, so the row is read
    again here to tell which."""
    pos = _line_offset(text, start)
    while pos < len(text):
        if text[pos] == '"':
            quoted = _QUOTED.match(text, pos)
            if quoted is None:
                return (f"{path} line {start}: a quoted value that starts here is never "
                        "closed (a '\"' is missing), so the rest of the file cannot be read.")
            end = quoted.end()
            if "\n" in quoted.group() and (end - pos > MAX_VALUE or end >= len(text)
                                           or text[end] not in ",\r\n"):
                # a quote that runs over lines and breaks or grows far past any value:
                # its closing '"' is missing, and a later value's opening one closed it
                return (f"{path} line {start}: a quoted value that starts here is not closed "
                        f"where it should be (the quoting breaks on line {line}); a '\"' "
                        "is probably missing on this line.")
        else:
            end = _UNQUOTED.match(text, pos).end()
        if end - pos > MAX_VALUE:
            return (f"{path} line {start}: a value is longer than {MAX_VALUE:,} characters; "
                    "no column holds nearly as much. Is this the right file?")
        pos = end
        if pos < len(text) and text[pos] == ",":
            pos += 1
            continue
        if pos < len(text) and text[pos] not in "\r\n":
            return (f"{path} line {line}: the quoting is broken: a value has text after its "
                    "closing '\"'. A value that contains a '\"' must be quoted and the '\"' "
                    "doubled.")
        break
    return (f"{path} line {line}: the quoting is broken ({error}). A value that contains "
            "a '\"' must be quoted and the '\"' doubled.")


def _overlong(path: Path, start: int, fields: list[str], header: list[str] | None) -> str:
    """The reason for a row with a value over MAX_VALUE that the reader did read."""
    index = next(i for i, f in enumerate(fields) if len(f) > MAX_VALUE)
    if "\n" in fields[index]:
        return (f"{path} line {start}: a quoted value that starts here runs over many lines "
                f"and is longer than {MAX_VALUE:,} characters; a '\"' is probably missing "
                "on this line.")
    name = header[index].strip() if header and index < len(header) else ""
    what = f"the {name} value" if name else "a value"
    return (f"{path} line {start}: {what} is longer than {MAX_VALUE:,} characters; no "
            "column holds nearly as much. Is this the right file?")


def _cell(fields: list[str], columns: dict[str, int], name: str) -> str:
    """The cell of column `name` (empty when the file has no such column), without the
    spaces around it; a text cell also without the apostrophe `neutralise` put in."""
    index = columns.get(name)
    if index is None:
        return ""
    text = fields[index].strip()
    return text if name in NUMBER_COLUMNS else restore(text)


# Control characters other than spaces and line breaks: invisible on screen, and on a
# receipt printer some of them are commands (ESC, GS).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _text_problems(what: str, text: str, limit: int | None = None) -> list[str]:
    """Why the free text of column `what` cannot be stored, if it cannot."""
    reasons = []
    if limit is not None and len(text) > limit and len(" ".join(text.split())) > limit:
        reasons.append(f"the {what} is longer than {limit:,} characters")
    control = _CONTROL.search(text)
    if control:
        reasons.append(f"the {what} has an invisible control character "
                       f"(U+{ord(control.group()):04X}); retype it")
    if find_card_number(text):
        reasons.append(f"the {what} looks like a card number; card numbers are never stored")
    return reasons


def _width_error(line: int, fields: list[str], header: list[str]) -> RowError | None:
    if len(fields) == len(header):
        return None
    return RowError(line, f"the row has {len(fields)} values but the header has "
                          f"{len(header)} columns (an unquoted comma, or one missing?)")


# --- products ------------------------------------------------------------------
#
# An import is three steps, so that a window can run each where it belongs:
#
#   snapshot = product_snapshot()            reads the store: the thread that owns it
#   plan = plan_products_import(path, snap)  reads, decodes and checks the file: pure,
#                                            no database, so it can run on a worker
#   report = apply_products_import(plan)     checks against the store and writes, in
#                                            one transaction: the store's thread again
#
# `check_products_against_store(plan)` adds the store's verdict (existing SKUs,
# barcodes owned by other products) to a plan for a preview, without writing.
# `import_products` is the three steps in a row, for the command line.


@dataclass
class _ProductRow:
    line: int
    data: ProductInput


@dataclass(frozen=True)
class ProductSnapshot:
    """What checking a product file needs to know of the store, as plain data.

    Read once on the thread that owns the database and handed to the planner,
    which may run on a worker thread where no query is possible.
    """

    currency: str
    locale: str
    tax_classes: Mapping[str, int]  # code -> id


def product_snapshot() -> ProductSnapshot:
    """The store's currency, locale and tax classes, for `plan_products_import`."""
    _require_store()
    with translate_errors():
        settings = load_settings()
        tax_classes = {code: tid for tid, code in TaxClass.select(TaxClass.id, TaxClass.code)
                       .tuples()}
    return ProductSnapshot(settings.currency, settings.locale, MappingProxyType(tax_classes))


@dataclass(frozen=True)
class StoreCheck:
    """The store's verdict on a plan: which SKUs it already has, and the rows it refuses
    (a barcode that belongs to another product)."""

    existing: frozenset[str]
    errors: Mapping[int, list[str]]


@dataclass
class ProductPlan:
    """A product file read and checked row by row, before anything is written."""

    path: Path
    encoding: str
    snapshot: ProductSnapshot
    table: _Table
    good: list[_ProductRow]  # rows the file itself has nothing against
    file_errors: dict[int, list[str]]  # line -> reasons found in the file alone
    sku_lines: dict[str, int]
    code_lines: dict[str, tuple[int, str]]  # barcode -> (first line, SKU)
    store: StoreCheck | None = None  # set by check_products_against_store

    @property
    def header(self) -> list[str]:
        return self.table.header

    @property
    def columns(self) -> dict[str, int]:
        return self.table.columns

    @property
    def rows(self) -> list[tuple[int, list[str]]]:
        """Every data row as (first physical line, fields as written)."""
        return self.table.rows

    @property
    def errors(self) -> dict[int, list[str]]:
        """Every bad line and its reasons, the store's included once it was checked."""
        if self.store is None or not self.store.errors:
            return self.file_errors
        return {**self.file_errors, **self.store.errors}

    @property
    def rejected(self) -> list[RowError]:
        return [RowError(line, "; ".join(reasons)) for line, reasons in
                sorted(self.errors.items())]

    @property
    def accepted(self) -> list[_ProductRow]:
        refused = self.store.errors if self.store is not None else {}
        return [row for row in self.good if row.line not in refused]

    def counts(self) -> tuple[int, int]:
        """(new, updated) products among the accepted rows; all new until the store
        was checked."""
        if self.store is None:
            return len(self.good), 0
        refused = self.store.errors
        gone = sum(1 for r in self.good if r.line in refused and r.data.sku in self.store.existing)
        updated = len(self.store.existing) - gone
        return len(self.good) - len(refused) - updated, updated

    def is_update(self, sku: str) -> bool:
        """Whether the store already has the SKU of cell `sku`, as written in the file (a
        neutralised `'=A1` is the SKU `=A1`); False until the store was checked."""
        return self.store is not None and restore(sku.strip()) in self.store.existing


def plan_products_import(path: Path, snapshot: ProductSnapshot, *,
                         encoding: str | None = None,
                         progress: Callable[[int, int], None] | None = None) -> ProductPlan:
    """Read, decode and check every row of a product file; touches no database.

    Finds everything the file alone can tell: bad prices, units, stock and
    barcodes, unknown tax classes, SKUs and barcodes twice in the file.
    `progress(done, total)` counts rows; raising in it stops the planning.
    File-level problems (unreadable, unknown encoding, broken header or
    quoting) raise `InputError`.
    """
    path = Path(path)
    tick = progress or (lambda done, total: None)
    text, used = read_text(path, encoding, locale=snapshot.locale)
    table = _parse(path, text, PRODUCT_COLUMNS, PRODUCT_REQUIRED)
    del text  # the rows hold what is needed; a big file's text is freed early
    total = len(table.rows)
    tick(0, total)
    good: list[_ProductRow] = []
    errors: dict[int, list[str]] = {}  # line -> reasons
    sku_lines: dict[str, int] = {}
    code_lines: dict[str, tuple[int, str]] = {}
    for n, (line, fields) in enumerate(table.rows, start=1):
        if n % 2000 == 0:
            tick(n, total)
        width = _width_error(line, fields, table.header)
        if width:
            errors[line] = [width.reason]
            continue
        row, reasons = _product_row(line, fields, table.columns, snapshot.currency,
                                    snapshot.tax_classes)
        sku = row.data.sku if row else _cell(fields, table.columns, "sku")
        if sku:
            if sku in sku_lines:
                reasons.append(f"the SKU {sku} is already on line {sku_lines[sku]}")
            else:
                sku_lines[sku] = line
        for code in row.data.barcodes if row else ():
            if code in code_lines:
                first, owner = code_lines[code]
                reasons.append(f"the barcode {code} is already on line {first} (SKU {owner})")
            else:
                code_lines[code] = (line, row.data.sku)
        if reasons:
            errors[line] = reasons
        else:
            good.append(row)
    tick(total, total)
    return ProductPlan(path, used, snapshot, table, good, errors, sku_lines, code_lines)


def check_products_against_store(plan: ProductPlan,
                                 progress: Callable[[int, int], None] | None = None
                                 ) -> ProductPlan:
    """Add the store's verdict to `plan` (reads only; the database's thread).

    A preview calls it to show every bad row before anything is written;
    `apply_products_import` checks again inside its transaction, in case the
    store changed in between.
    """
    _require_store()
    for done, total in check_products_against_store_steps(plan):
        if progress:
            progress(done, total)
    return plan


def check_products_against_store_steps(plan: ProductPlan) -> Generator[tuple[int, int], None, None]:
    """`check_products_against_store` a batch at a time: looks up the file's SKUs and
    barcodes in the store, yielding (done, total) batches, then sets `plan.store`."""
    skus = [r.data.sku for r in plan.good]
    codes = list(plan.code_lines)
    batches = -(-len(skus) // BATCH) + -(-len(codes) // BATCH)
    done = 0
    existing: set[str] = set()
    owners: dict[str, str] = {}
    with translate_errors():
        for chunk in _chunks(skus):
            existing.update(_ids_by_sku(chunk))
            done += 1
            yield done, batches
        for chunk in _chunks(codes):
            owners.update(_barcode_owners(chunk))
            done += 1
            yield done, batches
    refused: dict[int, list[str]] = {}
    _check_barcode_owners(plan.good, owners, refused, plan.sku_lines)
    plan.store = StoreCheck(frozenset(existing), MappingProxyType(refused))


def apply_products_import(plan: ProductPlan, *, skip_bad: bool = False,
                          progress: Callable[[int, int], None] | None = None
                          ) -> ImportReport:
    """Check `plan` against the store and write it, in one transaction.

    If any row is bad, nothing is written and `CsvRejected` lists them all,
    unless `skip_bad`, which writes the good rows and the bad ones to
    `<stem>.rejects.csv` beside the file. `progress(done, total)` is called
    once a batch; raising in it rolls everything back.
    """
    steps = apply_products_import_steps(plan, skip_bad=skip_bad)
    while True:
        try:
            done, total = next(steps)
        except StopIteration as stop:
            return stop.value
        if progress:
            try:
                progress(done, total)
            except BaseException:
                steps.close()  # leaves the transaction: rolled back
                raise


def apply_products_import_steps(plan: ProductPlan, *, skip_bad: bool = False
                                ) -> Generator[tuple[int, int], None, ImportReport]:
    """`apply_products_import` a batch at a time: yields (done, total) between batches
    with the transaction open and returns the `ImportReport`.

    A window drives it from its event loop so that it never freezes;
    `close()` before the end rolls back everything (and removes the rejects
    file). The store's connection belongs to the caller's thread, so every
    step must run on it.
    """
    _require_store()
    rejects_path: Path | None = None
    try:
        with translate_errors(), database.atomic():
            # Inside the transaction, whose lock keeps the store as checked.
            checked = 0
            for checked, _ in check_products_against_store_steps(plan):
                # Writing takes about as many steps as there are batches of rows.
                yield checked, checked + _write_steps(len(plan.good), set(plan.columns))
            rejected = plan.rejected
            if rejected and not skip_bad:
                raise CsvRejected(rejected)
            if rejected:
                rejects_path = _write_rejects(plan.path, plan.table, plan.errors,
                                              plan.encoding)
            accepted = plan.accepted
            for done, total in _write_products(accepted, plan.snapshot.tax_classes,
                                               set(plan.columns)):
                yield checked + done, checked + total
    except BaseException:
        if rejects_path is not None:
            rejects_path.unlink(missing_ok=True)
        raise
    created, updated = plan.counts()
    return ImportReport(created, updated, rejected, rejects_path, plan.encoding)


def import_products(path: Path, *, skip_bad: bool = False, encoding: str | None = None,
                    progress: Callable[[int, int], None] | None = None) -> ImportReport:
    """Create or update (by SKU) the products of a CSV file, all in one transaction.

    Every row is checked first; if any is bad, nothing is written and
    `CsvRejected` lists them all, unless `skip_bad`, which imports the good rows
    and writes the bad ones to `<stem>.rejects.csv` beside the file.
    `progress(done, total)` is called now and then (checking counts one step
    per row and writing another); raising in it cancels the import.
    """
    snapshot = product_snapshot()
    tick = progress or (lambda done, total: None)
    rows = 0

    def checking(done: int, total: int) -> None:
        nonlocal rows
        rows = total
        tick(done, 2 * total)

    def writing(done: int, total: int) -> None:
        tick(rows + done * rows // max(total, 1), 2 * rows)

    plan = plan_products_import(path, snapshot, encoding=encoding, progress=checking)
    report = apply_products_import(plan, skip_bad=skip_bad, progress=writing)
    tick(2 * rows, 2 * rows)
    return report


def _require_store() -> None:
    if database.is_closed():
        raise StoreError("No store is open; open the store before importing or exporting.")


def _product_row(line: int, fields: list[str], columns: dict[str, int], currency: str,
                 tax_classes: dict[str, int]) -> tuple[_ProductRow | None, list[str]]:
    """The checked product of one row, or None and every reason it is wrong."""
    reasons: list[str] = []
    price = _parse_price(_cell(fields, columns, "price"), currency, reasons)
    tax_class = _cell(fields, columns, "tax_class")
    if not tax_class:
        reasons.append("the tax class is empty")
    elif tax_class not in tax_classes:
        known = ", ".join(sorted(tax_classes)[:10]) or "none yet"
        reasons.append(f"there is no tax class {_shown(tax_class)} (the store has: {known})")
    reasons += _text_problems("name", _cell(fields, columns, "name"))
    reasons += _text_problems("category", _cell(fields, columns, "category"), MAX_CATEGORY)
    unit = _cell(fields, columns, "unit").lower() or "each"
    active_text = _cell(fields, columns, "active").lower()
    active = True
    if active_text in _FALSE:
        active = False
    elif active_text and active_text not in _TRUE:
        reasons.append(f"active must be 1 or 0 (or yes/no, true/false), "
                       f"not {_shown(active_text)}")
    stock = _parse_stock(_cell(fields, columns, "stock"), unit, reasons)
    codes = []
    for raw in _cell(fields, columns, "barcodes").split("|"):
        if raw.strip():
            try:
                codes.append(normalize_code(raw))
            except InputError as exc:
                reasons.append(str(exc))
    data = ProductInput(
        sku=_cell(fields, columns, "sku"), name=_cell(fields, columns, "name"),
        price=price if price is not None else Money(0, currency), tax_class=tax_class,
        category=_cell(fields, columns, "category"), unit=unit, active=active, stock=stock,
    )
    try:
        data = data.validated()
    except InputError as exc:
        reasons.insert(0, str(exc))
        return None, reasons
    if reasons:
        return None, reasons
    # The codes were checked one by one above, so that each bad one is named;
    # checking them again in `validated` would double the cost of a big file.
    data = dataclasses.replace(data, barcodes=tuple(dict.fromkeys(codes)))
    return _ProductRow(line, data), reasons


def _parse_price(text: str, currency: str, reasons: list[str]) -> Money | None:
    raw = unicodedata.normalize("NFKC", text).replace(" ", "")
    if not raw:
        reasons.append("the price is empty")
        return None
    if not _NUMBER.fullmatch(raw):
        if "," in raw and re.fullmatch(r"[+-]?[0-9.,]+", raw):
            reasons.append(f"the price {_shown(text)} has a ','; write prices with a '.' "
                           "for decimals and no thousands separators, like 1234.50")
        else:
            reasons.append(f"the price {_shown(text)} is not a number; write it like 12.50, "
                           "without a currency sign")
        return None
    try:
        return Money.from_major(Decimal(raw), currency)
    except InputError:
        reasons.append(f"the price {text!r} has more decimals than {currency} has "
                       f"({exponent(currency)})")
    except InvalidOperation:
        reasons.append(f"the price {text!r} is not a number")
    return None


def _parse_stock(text: str, unit: str, reasons: list[str]) -> int:
    raw = unicodedata.normalize("NFKC", text).replace(" ", "")
    if not raw:
        return 0
    if not _WHOLE.fullmatch(raw):
        what = "grams" if unit == "weight" else "pieces"
        reasons.append(f"the stock {_shown(text)} is not a whole number of {what}")
        return 0
    return int(raw)


def _chunks(items: Sequence, size: int = BATCH) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start: start + size]


def _select_in(sql: str, values: Iterable) -> Iterator[tuple]:
    """Rows of `sql`, whose `{}` is an IN list, over `values` a batch at a time."""
    for chunk in _chunks(list(values)):
        yield from database.execute_sql(sql.format(",".join("?" * len(chunk))), list(chunk))


def _ids_by_sku(skus: Iterable[str]) -> dict[str, int]:
    return dict(_select_in("SELECT sku, id FROM product WHERE sku IN ({})", skus))


def _barcode_owners(codes: Iterable[str]) -> dict[str, str]:
    """The SKU each of `codes` belongs to in the store, for codes already taken."""
    return dict(_select_in("SELECT b.code, p.sku FROM barcode b JOIN product p"
                           " ON p.id = b.product_id WHERE b.code IN ({})", codes))


def _check_barcode_owners(good: list[_ProductRow], owners: dict[str, str],
                          errors: dict[int, list[str]], sku_lines: dict[str, int]) -> None:
    """Refuse a barcode that belongs to another product, unless that product is in
    the file too and gives the code up. A rejected row keeps its old codes, which
    can reject another row in turn, so repeat until nothing changes."""
    conflicts = [(row, code, owners[code]) for row in good for code in row.data.barcodes
                 if code in owners and owners[code] != row.data.sku]
    changed = True
    while changed:
        changed = False
        accepted = {r.data.sku for r in good if r.line not in errors}
        for row, code, owner in conflicts:
            if row.line in errors or owner in accepted:
                continue
            where = (f", whose row on line {sku_lines[owner]} is wrong"
                     if owner in sku_lines else "")
            errors[row.line] = [f"the barcode {code} already belongs to product {owner}{where}"]
            changed = True


# The columns an import rewrites on an existing product, by the CSV column they
# come from; a column missing from the file leaves its field as it is.
_ALWAYS = ("name", "name_key", "price", "tax_class_id")
_OPTIONAL = {"category": "category_id", "unit": "unit", "active": "active", "stock": "stock"}
_INSERTED = ("sku", *_ALWAYS, *_OPTIONAL.values(), "updated_at")


def _upsert_sql(present: Iterable[str]) -> str:
    """Create a product, or rewrite the fields the file has only when one differs,
    so importing an unchanged file touches nothing (not `updated_at`, which sync
    reads, nor the search index, which the name_key trigger rewrites)."""
    compared = [*_ALWAYS, *(column for name, column in _OPTIONAL.items() if name in present)]
    return (
        f"INSERT INTO product ({', '.join(_INSERTED)})"
        f" VALUES ({', '.join('?' * len(_INSERTED))})"
        f" ON CONFLICT (sku) DO UPDATE SET"
        f" {', '.join(f'{c} = excluded.{c}' for c in [*compared, 'updated_at'])}"
        f" WHERE {' OR '.join(f'product.{c} IS NOT excluded.{c}' for c in compared)}"
    )


def _write_steps(rows: int, present: set[str]) -> int:
    """How many steps `_write_products` yields for `rows` rows."""
    return -(-rows // BATCH) * (3 if "barcodes" in present else 1) + 1


def _write_products(rows: list[_ProductRow], tax_classes: Mapping[str, int],
                    present: set[str]) -> Generator[tuple[int, int], None, None]:
    """Upsert the products a batch at a time, then replace their barcodes, yielding
    (done, total) batches.

    Plain SQL run with `executemany`: a prepared statement per batch instead of
    a query built per row keeps 100,000 rows to seconds. All barcodes leaving
    a product are deleted before any is added, so a code can move to a product
    earlier in the file than the one giving it up. Without a barcodes column
    the barcodes are left alone.
    """
    upsert = _upsert_sql(present)
    with_codes = "barcodes" in present
    batches = -(-len(rows) // BATCH)
    total = _write_steps(len(rows), present)
    categories = _ensure_categories({r.data.category for r in rows if r.data.category})
    now = to_micros(utcnow())
    cursor = database.cursor()
    ids: dict[str, int] = {}
    done = 1
    yield done, total
    for chunk in _chunks(rows):
        cursor.executemany(upsert, [
            (d.sku, d.name, fold(d.name), d.price.minor, tax_classes[d.tax_class],
             categories[d.category] if d.category else None, d.unit, int(d.active), d.stock,
             now) for d in (r.data for r in chunk)])
        ids.update(_ids_by_sku(r.data.sku for r in chunk))
        done += 1
        yield done, total
    if not with_codes:
        return
    add: list[tuple[str, int]] = []
    for chunk in _chunks(rows):
        chunk_ids = [ids[r.data.sku] for r in chunk]
        current: dict[int, set[str]] = {}
        for code, product_id in _select_in(
                "SELECT code, product_id FROM barcode WHERE product_id IN ({})", chunk_ids):
            current.setdefault(product_id, set()).add(code)
        drop: list[tuple[str]] = []
        for row, product_id in zip(chunk, chunk_ids, strict=True):
            have = current.get(product_id, set())
            drop += [(code,) for code in have if code not in row.data.barcodes]
            add += [(code, product_id) for code in row.data.barcodes if code not in have]
        cursor.executemany("DELETE FROM barcode WHERE code = ?", drop)
        done += 1
        yield done, total
    for _ in range(batches):  # the same number of batches, however many codes there are
        size = -(-len(add) // batches)
        part, add = add[:size], add[size:]
        cursor.executemany("INSERT INTO barcode (code, product_id) VALUES (?, ?)", part)
        done += 1
        yield done, total


def _ensure_categories(names: set[str]) -> dict[str, int]:
    """Ids of the named categories, creating the missing ones once each."""
    found: dict[str, int] = {}
    ordered = sorted(names)
    for chunk in _chunks(ordered):
        found.update(Category.select(Category.name, Category.id)
                     .where(Category.name.in_(list(chunk))).tuples())
    missing = [(name,) for name in ordered if name not in found]
    for chunk in _chunks(missing):
        Category.insert_many(chunk, fields=[Category.name]).execute()
        found.update(Category.select(Category.name, Category.id)
                     .where(Category.name.in_([n for n, in chunk])).tuples())
    return found


# --- customers -----------------------------------------------------------------


def import_customers(path: Path, *, skip_bad: bool = False,
                     encoding: str | None = None) -> ImportReport:
    """Create or update customers from a CSV file, all in one transaction.

    Customers have no code of their own, so a row whose phone (digits only)
    matches a customer in the store updates that customer. A row without a
    phone that is exactly an existing customer without a phone is left alone,
    so importing an exported file twice does not double the customer list;
    any other row creates a customer. Bad rows are handled as for products.
    """
    path = Path(path)
    _require_store()
    with translate_errors():
        locale = load_settings().locale
    text, used = read_text(path, encoding, locale=locale)
    table = _parse(path, text, CUSTOMER_COLUMNS, CUSTOMER_REQUIRED)
    good: list[tuple[int, CustomerInput]] = []
    errors: dict[int, list[str]] = {}
    seen: dict[tuple, int] = {}
    for line, fields in table.rows:
        width = _width_error(line, fields, table.header)
        if width:
            errors[line] = [width.reason]
            continue
        cells = [_cell(fields, table.columns, c) for c in CUSTOMER_COLUMNS]
        reasons = [r for what, text in zip(("name", "address"), (cells[0], cells[3]),
                                           strict=True)
                   for r in _text_problems(what, text)]
        if reasons:
            errors[line] = reasons
            continue
        try:
            data = CustomerInput(*cells).validated()
        except InputError as exc:
            errors[line] = [str(exc)]
            continue
        key = _customer_key(data)
        if key in seen:
            what = "phone number" if key[0] == "phone" else "customer"
            errors[line] = [f"the same {what} is already on line {seen[key]}"]
            continue
        seen[key] = line
        good.append((line, data))
    rejected = [RowError(line, "; ".join(reasons)) for line, reasons in sorted(errors.items())]
    if rejected and not skip_bad:
        raise CsvRejected(rejected)
    rejects_path = _write_rejects(path, table, errors, used) if rejected else None
    try:
        with translate_errors(), database.atomic():
            created, updated = _write_customers([d for _, d in good], set(table.columns))
    except BaseException:
        if rejects_path is not None:
            rejects_path.unlink(missing_ok=True)
        raise
    return ImportReport(created, updated, rejected, rejects_path, used)


def _customer_key(data: CustomerInput) -> tuple:
    digits = phone_digits(data.phone)
    if digits:
        return ("phone", digits)
    return ("same", data.name, data.email or None, data.address or None)


def _write_customers(rows: list[CustomerInput], present: set[str]) -> tuple[int, int]:
    """Update the customers whose phone matches and create the others; a column
    missing from the file leaves that field of an updated customer as it is."""
    kept = [f for f in ("email", "address") if f in present]  # compared and rewritten
    by_phone: dict[str, Customer] = {}
    phones = sorted({phone_digits(d.phone) for d in rows if d.phone})
    for chunk in _chunks(phones):
        for customer in (Customer.select().where(Customer.phone.in_(list(chunk)))
                         .order_by(Customer.id.desc())):
            by_phone[customer.phone] = customer  # the oldest customer wins
    plain: set[tuple] = set()
    names = sorted({d.name for d in rows if not d.phone})
    for chunk in _chunks(names):
        plain.update(Customer.select(Customer.name, *(getattr(Customer, f) for f in kept))
                     .where(Customer.name.in_(list(chunk)) & Customer.phone.is_null())
                     .tuples())
    created: list[tuple] = []
    updated = 0
    now = to_micros(utcnow())
    for data in rows:
        digits = phone_digits(data.phone)
        values = {"name": data.name, "email": data.email or None,
                  "address": data.address or None}
        wanted = (data.name, *(values[f] for f in kept))
        match = by_phone.get(digits) if digits else None
        if match is not None:
            updated += 1
            if (match.name, *(getattr(match, f) for f in kept)) != wanted:
                changes = {f: values[f] for f in kept}
                (Customer.update(name=data.name, name_key=fold(data.name), updated_at=now,
                                 **changes)
                 .where(Customer.id == match.id).execute())
        elif not digits and wanted in plain:
            updated += 1
        else:
            created.append((data.name, fold(data.name), digits or None, values["email"],
                            values["address"], now, now, uuidlib.uuid4().hex))
    fields = [Customer.name, Customer.name_key, Customer.phone, Customer.email,
              Customer.address, Customer.created_at, Customer.updated_at, Customer.uuid]
    for chunk in _chunks(created):
        Customer.insert_many(chunk, fields=fields).execute()
    return len(created), updated


# --- rejects and export ------------------------------------------------------------


def _write_rejects(path: Path, table: _Table, errors: dict[int, list[str]],
                   encoding: str) -> Path:
    """Write the bad rows as they were, with a `reason` column, beside the input.

    The file is UTF-8, with a BOM unless the input was plain UTF-8, so Excel
    opens it right; the importer ignores the `reason` column, so once fixed it
    can be imported as it is.
    """
    target = path.with_name(f"{path.stem}.rejects.csv")
    width = len(table.header)
    reason_at = table.columns.get(REASON_COLUMN)
    header = list(table.header)
    if reason_at is None:
        header.append(REASON_COLUMN)
        reason_at = width
    by_line = dict(table.rows)
    numbers = {table.columns[c] for c in NUMBER_COLUMNS if c in table.columns}
    try:
        with _AtomicCsv(target, bom=encoding != "utf-8") as writer:
            writer.writerow(header)
            for line in sorted(errors):
                fields = [_rejected_cell(f, i in numbers) for i, f in enumerate(by_line[line])]
                fields += [""] * (len(header) - len(fields))
                fields[reason_at] = neutralise(f"line {line}: " + "; ".join(errors[line]))
                writer.writerow(fields)
    except OSError as exc:
        raise InputError(f"The bad rows cannot be written to {target} "
                         f"({exc.strerror or exc}), so nothing was imported.") from None
    return target


_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
"""A number as this program writes one: no formula for a spreadsheet, written as it is."""


def _rejected_cell(cell: str, number: bool) -> str:
    """A cell of a bad row as the rejects file shows it, for a spreadsheet to open: text
    neutralised as export does (so it imports as the same value), a plain number as it is
    and anything else in a number column neutralised too (it is wrong either way)."""
    text = cell.strip()
    if number:
        plain = _NUMBER.fullmatch(unicodedata.normalize("NFKC", text).replace(" ", ""))
        return text if plain or not text else neutralise(text)
    return neutralise(restore(text))


class _AtomicCsv:
    """A csv writer on a temporary file that replaces `target` only when complete,
    so a full disk never leaves half an export where a good one was."""

    def __init__(self, target: Path, *, bom: bool):
        self.target = Path(target)
        self.temp = self.target.with_name(self.target.name + ".part")
        self.encoding = "utf-8-sig" if bom else "utf-8"

    def __enter__(self):
        self.handle = self.temp.open("w", encoding=self.encoding, newline="")
        return csv.writer(self.handle)

    def __exit__(self, kind, value, tb):
        try:
            self.handle.close()
            if kind is None:
                os.replace(self.temp, self.target)
        finally:
            if kind is not None or self.temp.exists():
                self.temp.unlink(missing_ok=True)
        return False


def export_rows(path: Path, header: Sequence[str], rows: Iterable[Sequence], excel: bool) -> int:
    """Write `header` and `rows` as CSV (UTF-8, with a BOM for Excel); how many rows.

    Text that a spreadsheet would run as a formula is `neutralise`d; a plain number,
    as a number or as text ("-12.50", a report's refunds), is written as it is."""
    count = 0
    try:
        with _AtomicCsv(Path(path), bom=excel) as writer:
            writer.writerow(header)
            for row in rows:
                writer.writerow([v if not isinstance(v, str) or _PLAIN_NUMBER.fullmatch(v)
                                 else neutralise(v) for v in row])
                count += 1
    except OSError as exc:
        raise InputError(f"{path} cannot be written: {exc.strerror or exc}.") from None
    return count


EXPORT_PAGE = 2000
"""Products per query of an export: one page is a few milliseconds of work, so a
window driving `export_products_steps` stays responsive between pages."""


def export_products(path: Path, *, excel: bool = False) -> int:
    """Write every product to a CSV file that `import_products` reads back unchanged.

    Reads in pages of product ids, so a million products need no more memory
    than a page. `excel=True` adds a UTF-8 BOM, which Excel needs to read
    non-ASCII names.
    """
    steps = export_products_steps(path, excel=excel)
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            return stop.value


def export_products_steps(path: Path, *, excel: bool = False
                          ) -> Generator[tuple[int, int], None, int]:
    """`export_products` a page at a time: yields (products written, total) between
    pages and returns the count. No query stays open between pages (keyset
    paging by id), so the caller may use the store in between; `close()`
    before the end leaves any older file at `path` as it was."""
    _require_store()
    with translate_errors():
        digits = exponent(load_settings().currency)
        total = Product.select().count()
    # Each page's codes come in the order they were added (rowid).
    sql = ("SELECT p.id, p.sku, p.name, p.price, t.code, c.name, p.unit, p.active, p.stock,"
           " b.code FROM (SELECT * FROM product WHERE id > ? ORDER BY id LIMIT ?) p"
           " JOIN tax_class t ON t.id = p.tax_class_id"
           " LEFT JOIN category c ON c.id = p.category_id"
           " LEFT JOIN barcode b ON b.product_id = p.id ORDER BY p.id, b.rowid")

    def page(after: int) -> list[list]:
        rows: dict[int, list] = {}
        with translate_errors():
            found = database.execute_sql(sql, (after, EXPORT_PAGE)).fetchall()
        for (pid, sku, name, price, tax, category, unit, active, stock, code) in found:
            row = rows.get(pid)
            if row is None:
                # Text neutralised; price and stock are numbers, written as they are.
                row = rows[pid] = [pid, neutralise(sku), neutralise(name),
                                   f"{Decimal(price).scaleb(-digits):f}", neutralise(tax),
                                   neutralise(category or ""), unit, "",
                                   "1" if active else "0", str(stock)]
            if code:
                row[7] = f"{row[7]}|{code}" if row[7] else code
        return list(rows.values())

    count = 0
    try:
        with _AtomicCsv(Path(path), bom=excel) as writer:
            writer.writerow(PRODUCT_COLUMNS)
            after = 0
            while rows := page(after):
                writer.writerows(row[1:] for row in rows)
                after = rows[-1][0]
                count += len(rows)
                yield count, max(total, count)
    except OSError as exc:
        raise InputError(f"{path} cannot be written: {exc.strerror or exc}.") from None
    return count


def export_customers(path: Path, *, excel: bool = False) -> int:
    """Write every customer to a CSV file that `import_customers` reads back."""
    _require_store()
    query = (Customer.select(Customer.name, Customer.phone, Customer.email, Customer.address)
             .order_by(Customer.id).tuples())
    rows = ([name, phone or "", email or "", address or ""]
            for name, phone, email, address in query.iterator())
    with translate_errors():
        return export_rows(path, CUSTOMER_COLUMNS, rows, excel)
