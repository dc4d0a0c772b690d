"""`python -m pos` runs the command line."""

import sys

from pos.cli import main

sys.exit(main())
