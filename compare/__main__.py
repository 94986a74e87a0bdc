"""`python -m compare` is the same as the `news-compare` console script."""

import sys

from compare.cli import main

# The guard matters: extraction worker processes re-import the main module.
if __name__ == "__main__":
    sys.exit(main())
