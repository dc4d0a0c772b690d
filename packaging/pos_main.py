"""The bundle's one executable, `pos`: the command line, and `pos register` for the window.

One executable rather than two (a `pos-register` beside `pos`): one PyInstaller analysis
and one bootloader, no multipackage merge, no dispatch on the name it was started by,
and the same `pos register` the installed package's console command understands.
"""

import multiprocessing
import sys

from ui.command import cli

if __name__ == "__main__":
    # `pos demo` and `pos hq serve --workers N` spawn processes: in the bundle a spawned
    # child is this executable again, and this call turns it into the worker it was meant to be.
    multiprocessing.freeze_support()
    sys.exit(cli())
