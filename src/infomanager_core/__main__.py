"""``python -m infomanager_core``: the ``infomanager`` command line, where the console script is not on the PATH."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
