"""Desktop launcher: ``rpipp-gui [PHOTO]``, ``python -m rpipp_gui``, ``python main.py``."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from rpipp_gui.ui.app import run  # Qt is imported only when the GUI really starts

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
