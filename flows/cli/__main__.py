"""`python -m flows.cli ...`: the same as the `piivault` console script."""

import sys

from flows.cli import main

sys.exit(main())
