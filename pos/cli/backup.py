"""`pos backup` and `pos restore`: online copies of the store, checked, and putting one back.

`pos backup` only reads the store (through SQLite's backup API), so it runs while the
till sells. `pos restore` replaces the store file, keeping the one it replaces aside.
"""

from __future__ import annotations

from pathlib import Path

from pos.cli.common import READS, open_for
from pos.settings import backups_path, load_settings
from pos.store import backups
from pos.store.db import close_store
from pos.store.paths import default_db_path


def add_commands(sub, common) -> None:
    """Add `pos backup` and `pos restore` to the `pos` parser."""
    p = sub.add_parser("backup", parents=[common],
                       help="an online copy of the store, checked (integrity and journal)")
    p.add_argument("--to", type=Path, metavar="DIR",
                   help="the folder (default: the backup_folder setting, else 'backups' in "
                        "the data folder, keeping the last backups_keep copies)")
    p.add_argument("--with-key", action="store_true",
                   help="also write the key file beside the copy (keep that copy safe)")
    p.set_defaults(run=cmd_backup, **READS)

    p = sub.add_parser("restore", parents=[common],
                       help="put a checked backup in the store's place; the store it "
                            "replaces is kept aside")
    p.add_argument("file", type=Path, metavar="FILE", help="a backup made by 'pos backup'")
    p.add_argument("--force", action="store_true",
                   help="replace a store that holds sales the copy lacks")
    p.set_defaults(run=cmd_restore)


def cmd_backup(args) -> int:
    open_for(args)
    settings = load_settings()
    folder = args.to.expanduser().absolute() if args.to else backups_path(settings)
    close_store()  # the copy is read through a read-only connection of its own
    checked = backups.take_backup(
        folder, None if args.to else settings.backups_keep, with_key=args.with_key,
        create_folder=not (args.to or settings.backup_folder))
    result = checked.journal
    print(checked.path)
    print(f"Checked: integrity ok; journal ok, {result.count:,} entries, head "
          f"{result.head_seq} {result.head_hash[:16]}.")
    if args.with_key:
        print(f"The key file is beside it ({checked.path}.keys): whoever has both can read "
              "the store's secrets. Keep this copy safe.")
    else:
        print("The key file was not copied; keep it apart from the backups (see the README).")
    return 0


def cmd_restore(args) -> int:
    target = args.db or default_db_path()
    restored = backups.restore(args.file, target, force=args.force)
    print(f"Restored {args.file} to {restored.path}.")
    if restored.set_aside is not None:
        print(f"The store it replaced is kept at {restored.set_aside} (with its -wal, anchor "
              "and key file).")
    print(f"Checked: integrity ok; journal ok, {restored.journal.count:,} entries.")
    return 0
