"""`python -m broadsheet` runs the same command as `broadsheet`."""

import sys

from broadsheet.cli import main

sys.exit(main())
