"""`pos products|customers import|export`: the catalogue as CSV."""

from __future__ import annotations

from pathlib import Path

from pos.catalogue import csvio
from pos.cli.common import READS, command_group, open_for


def add_commands(sub, common) -> None:
    """Add `pos products|customers import|export` to the `pos` parser."""
    for noun in ("products", "customers"):
        _, verbs = command_group(sub, noun, f"import or export {noun} as CSV", common)
        imp = verbs.add_parser("import", parents=[common], help=f"import {noun} from CSV")
        imp.add_argument("file", type=Path)
        imp.add_argument("--skip-bad", action="store_true",
                         help="import the good rows; write the bad ones beside the file")
        imp.add_argument("--encoding", help="the file's encoding if it is not UTF-8, e.g. gbk")
        imp.set_defaults(run=cmd_import, noun=noun)
        exp = verbs.add_parser("export", parents=[common], help=f"export {noun} to CSV")
        exp.add_argument("file", type=Path)
        exp.add_argument("--excel", action="store_true",
                         help="start the file with a UTF-8 byte order mark for Excel")
        exp.set_defaults(run=cmd_export, noun=noun, **READS)


def cmd_import(args) -> int:
    open_for(args)
    run = csvio.import_products if args.noun == "products" else csvio.import_customers
    report = run(args.file, skip_bad=args.skip_bad, encoding=args.encoding)
    print(f"Imported {args.file} ({report.encoding}): {report.created:,} new, "
          f"{report.updated:,} updated.")
    if report.rejected:
        rows = "1 bad row was" if len(report.rejected) == 1 else \
            f"{len(report.rejected):,} bad rows were"
        print(f"{rows} skipped and written to {report.rejects_path}.")
    return 0


def cmd_export(args) -> int:
    open_for(args)
    run = csvio.export_products if args.noun == "products" else csvio.export_customers
    count = run(args.file, excel=args.excel)
    print(f"Exported {count:,} {args.noun} to {args.file}.")
    return 0
