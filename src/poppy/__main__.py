"""``python -m poppy`` is the ``poppy`` command."""

import sys

from poppy.cli import main

if __name__ == "__main__":
    sys.exit(main())
