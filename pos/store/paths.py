"""Where the store lives when no --db is given: the user's data folder (platformdirs)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "pos"


def data_dir() -> Path:
    """The data folder; POS_DATA_DIR overrides it (tests, kiosks with a fixed disk)."""
    override = os.environ.get("POS_DATA_DIR")
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "store.db"


def backup_dir(configured: str = "") -> Path:
    """Where backups go: the `backup_folder` setting (a USB stick, a network share), or by
    default `backups` in the data folder."""
    return Path(configured).expanduser() if configured.strip() else data_dir() / "backups"


def log_path() -> Path:
    return data_dir() / "pos.log"


def demo_db_path() -> Path:
    """The demo store `make run` opens, kept apart from a real store."""
    return data_dir() / "demo.db"
