"""Fixtures for the window tests: Qt runs without a display, on a real store file."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import pytest  # noqa: E402
from sample_store import build_sample_store  # noqa: E402

from pos.db import close_store  # noqa: E402


@pytest.fixture
def store_path(tmp_path):
    """The path of an open sample store (see sample_store.py); closed after the test."""
    path = tmp_path / "store.db"
    try:
        build_sample_store(path)
        yield path
    finally:
        close_store()
