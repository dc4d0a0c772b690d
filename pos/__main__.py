"""`python -m pos` runs the command line."""

import sys

from pos.cli.main import main

sys.exit(main())
