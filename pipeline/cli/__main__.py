"""`python -m pipeline.cli`: the `toolkit` command."""

import sys

from . import main

sys.exit(main())
