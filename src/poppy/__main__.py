"""``python -m poppy`` is the ``poppy`` command."""

import sys

from poppy.cli import main

sys.exit(main())
