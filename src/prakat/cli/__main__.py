"""`python -m prakat.cli`, the same as the `prakat` command."""

import sys

from prakat.cli import main

sys.exit(main())
