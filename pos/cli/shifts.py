"""`pos shift x|z`: a shift's X or Z report as text, read-only.

Shifts are opened, moved and closed at the till (a person counts the drawer);
the command line only reads, so an owner can check the numbers from anywhere
the store file is.
"""

from __future__ import annotations

from pos.cli.common import READS, command_group, open_for
from pos.errors import NotFound
from pos.receipts import shift_report
from pos.sales import shifts
from pos.settings import load_settings


def add_commands(sub, common) -> None:
    """Add `pos shift x` and `pos shift z` to the `pos` parser."""
    _, verbs = command_group(sub, "shift", "a shift's X or Z report", common)
    for verb, text in (("x", "the figures so far (default: the shift open on this terminal)"),
                       ("z", "a closed shift's Z report (default: this terminal's last)")):
        s = verbs.add_parser(verb, parents=[common], help=text)
        s.add_argument("--shift", type=int, metavar="ID", help="the shift's number")
        s.add_argument("--width", type=int, choices=[32, 42, 48],
                       help="characters per line (default: the receipt printer's)")
        s.set_defaults(run=cmd_report, **READS)


def cmd_report(args) -> int:
    open_for(args)
    settings = load_settings()
    shift = args.shift
    if shift is None:
        find = shifts.current_shift if args.verb == "x" else shifts.last_closed_shift
        shift = find(settings.terminal_id)
        if shift is None:
            state = "open" if args.verb == "x" else "closed yet"
            raise NotFound(f"No shift is {state} on terminal {settings.terminal_id}; name "
                           "one with --shift ID.")
    report = shifts.x_report(shift) if args.verb == "x" else shifts.z_report(shift)
    width = args.width or settings.printer_width
    print("\n".join(shift_report.report_lines(report, width, settings.locale)))
    return 0
