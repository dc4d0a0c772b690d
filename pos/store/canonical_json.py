"""The canonical JSON of journal data: one text for one value, so its hash never changes.

Integers within signed 64 bits, strings, booleans, None, lists and dicts with string keys;
keys sorted, no spaces, UTF-8 kept as is. A float is refused: money and rates are integers
(minor units, parts per million). Shared by the journal and the records it binds
(`pos.store.journal_records`).
"""

from __future__ import annotations

import json

INT64 = 1 << 63  # journal integers lie in [-INT64, INT64)


def canonical_json(data: dict) -> str:
    """`data` in the canonical encoding (module docstring); TypeError for a float or any
    value JSON cannot carry exactly."""
    if not isinstance(data, dict):
        raise TypeError(f"journal data is a dict, not a {type(data).__name__}")
    _check_value(data, "data")
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False)


def _check_value(value, path: str) -> None:
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, str):
        value.encode("utf-8")  # a lone surrogate cannot be hashed the same way twice
    elif isinstance(value, int):
        if not -INT64 <= value < INT64:
            raise ValueError(f"journal {path} = {value} is outside signed 64 bits")
    elif isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"journal {path} has a key that is not a string: {key!r}")
            _check_value(item, f"{path}.{key}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _check_value(item, f"{path}[{index}]")
    else:
        raise TypeError(f"journal {path} is a {type(value).__name__}; use integers (minor "
                        "units, parts per million), strings, booleans, lists or dicts")
