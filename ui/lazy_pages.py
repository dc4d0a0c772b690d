"""The main window's pages by key, each built the first time it is asked for.

Building every page before the sign-in cost a quarter of the cold start (issue 15):
the orders, products, reports and settings pages now wait until someone opens them,
or until code asks for them by key (`window.pages["history"]`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping

from PySide6.QtWidgets import QWidget


class LazyPages(Mapping[str, QWidget]):
    """Key → page; `build(key, factory)` makes a page the first time its key is read."""

    def __init__(self, build: Callable[[str, Callable[..., QWidget]], QWidget]) -> None:
        self._build = build
        self._factories: dict[str, str] = {}
        self._built: dict[str, QWidget] = {}

    def add(self, key: str, factory: str) -> None:
        """Register a page by its class's dotted path, "package.module:Class", so that
        its module, too, is imported only when the page is first needed."""
        self._factories[key] = factory

    def __getitem__(self, key: str) -> QWidget:
        if key not in self._built:
            module, _, name = self._factories[key].partition(":")
            self._built[key] = self._build(key, getattr(importlib.import_module(module), name))
        return self._built[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._factories)

    def __len__(self) -> int:
        return len(self._factories)

    def built(self) -> list[tuple[str, QWidget]]:
        """The pages built so far (reading the others would build them)."""
        return list(self._built.items())
