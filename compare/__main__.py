"""`python -m compare` is the same as the `news-compare` console script."""

import sys

from compare.cli import main

sys.exit(main())
