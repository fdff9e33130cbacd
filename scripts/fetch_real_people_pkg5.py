"""Fetch the photos of the fifth held-out people set (``benchmarks/data/real_people_pkg5``):
``scripts/fetch_real_people_pkg2.py`` run on that set (its README says what the photos are).

Usage:  python scripts/fetch_real_people_pkg5.py [--archive SOURCE=FILE ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fetch_real_people_pkg2 import main as fetch_set  # noqa: E402
from fetch_real_people_pkg2 import set_of  # noqa: E402

SET = set_of(__file__)


def main(argv: list[str] | None = None) -> int:
    return fetch_set(argv, SET)


if __name__ == "__main__":
    sys.exit(main())
