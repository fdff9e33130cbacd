"""``python -m rpipp_gui.cli ...``: the same as the ``rpipp`` command."""

import sys

from rpipp_gui.cli import main

sys.exit(main())
