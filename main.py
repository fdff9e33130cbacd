"""Launch the RPIPP desktop app: ``python main.py [PHOTO]``."""

import sys

from rpipp_gui.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
